package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.state.BroadcastState;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.types.ClassVersions;
import io.spry.api.types.IncompatibleSchemaException;
import io.spry.api.types.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operator list state and broadcast state written with one version of a record and restored, at
 * another parallelism, with the next: elements and map entries come back converted; an incompatible
 * version fails naming the operator, the state and the field.
 */
class OperatorStateSchemaEvolutionTest {
  static final String V1 = "package evo; public record Item(String sku, int qty) {}";
  static final String V2 = "package evo; public record Item(long qty, String sku, String note) {}";
  static final String V3 = "package evo; public record Item(String qty, String sku) {}";

  static Object make(Class<?> c, Object... args) {
    try {
      return c.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static TypeInfo<Object> type(Class<?> c) {
    return (TypeInfo<Object>) TypeInfo.of(c);
  }

  /** Two subtasks' state with V1: list elements and the same broadcast map. */
  static List<SubtaskState> writeV1(Class<?> item) throws Exception {
    List<SubtaskState> written = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      OperatorStates s = new OperatorStates("buffering", RestoredState.EMPTY);
      ListState<Object> buffer = s.getListState(new ListStateDescriptor<>("buffer", type(item)));
      for (int k = 0; k < 5; k++) {
        buffer.add(make(item, "s" + i + "-" + k, 10 * i + k));
      }
      BroadcastState<String, Object> rules =
          s.getBroadcastState(
              new MapStateDescriptor<>("rules", TypeInfo.of(String.class), type(item)));
      rules.put("a", make(item, "ra", 1));
      rules.put("b", make(item, "rb", 2));
      SubtaskState out = new SubtaskState();
      s.snapshot(out);
      written.add(SubtaskState.fromBytes(out.toBytes()));
    }
    return written;
  }

  @Test
  void listAndBroadcastElementsMigrateWhenRestoredAtAnotherParallelism() throws Exception {
    Class<?> v1 = ClassVersions.load(ClassVersions.compile(V1), "evo.Item");
    Class<?> v2 = ClassVersions.load(ClassVersions.compile(V2), "evo.Item");
    List<SubtaskState> written = writeV1(v1);
    List<Object> all = new ArrayList<>();
    for (int j = 0; j < 3; j++) {
      OperatorStates s =
          new OperatorStates("buffering", StateAssignment.assign(written, 128, 3, j));
      s.getListState(new ListStateDescriptor<>("buffer", type(v2))).get().forEach(all::add);
      Map<String, Object> rules = new HashMap<>();
      s.getBroadcastState(new MapStateDescriptor<>("rules", TypeInfo.of(String.class), type(v2)))
          .entries()
          .forEach(e -> rules.put(e.getKey(), e.getValue()));
      assertThat(rules)
          .isEqualTo(Map.of("a", make(v2, 1L, "ra", null), "b", make(v2, 2L, "rb", null)));
    }
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 5; k++) {
        expected.add(make(v2, (long) (10 * i + k), "s" + i + "-" + k, null));
      }
    }
    assertThat(all).containsExactlyElementsOf(expected);
  }

  @Test
  void anIncompatibleElementTypeFailsNamingTheOperatorTheStateAndTheField() throws Exception {
    Class<?> v1 = ClassVersions.load(ClassVersions.compile(V1), "evo.Item");
    Class<?> v3 = ClassVersions.load(ClassVersions.compile(V3), "evo.Item");
    OperatorStates s =
        new OperatorStates("buffering", StateAssignment.assign(writeV1(v1), 128, 1, 0));
    assertThatThrownBy(() -> s.getListState(new ListStateDescriptor<>("buffer", type(v3))))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageStartingWith(
            "Operator state 'buffer' of 'buffering' cannot be restored: field 'qty' changed from"
                + " int to String, which cannot be converted.");
  }
}
