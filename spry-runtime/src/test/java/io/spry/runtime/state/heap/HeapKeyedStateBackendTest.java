package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.NamespacedState;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  private final HeapKeyedStateBackend backend =
      new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);

  @Test
  void valuesFollowTheCurrentKey() throws Exception {
    ValueState<String> s = backend.getOrCreateState(new ValueStateDescriptor<>("v", String.class));
    backend.setCurrentKey("a");
    s.update("A");
    backend.setCurrentKey("b");
    assertThat(s.value()).isNull();
    s.update("B");
    backend.setCurrentKey("a");
    assertThat(s.value()).isEqualTo("A");
    s.clear();
    assertThat(backend.numKeys("v")).isEqualTo(1);
  }

  @Test
  void namespacedStateKeepsWindowsApartAndMerges() throws Exception {
    ReducingState<Long> sum =
        backend.getOrCreateNamespacedState(
            new ReducingStateDescriptor<>("sum", Long::sum, Long.class), Types.STRING);
    NamespacedState ns = (NamespacedState) sum;
    backend.setCurrentKey("k");
    ns.setCurrentNamespace("w1");
    sum.add(1L);
    sum.add(2L);
    ns.setCurrentNamespace("w2");
    sum.add(10L);
    ns.setCurrentNamespace("w3");
    sum.add(100L);
    assertThat(backend.numNamespacedEntries("sum")).isEqualTo(3);
    ns.mergeNamespaces("w1", List.of("w2", "w3"));
    ns.setCurrentNamespace("w1");
    assertThat(sum.get()).isEqualTo(113L);
    ns.setCurrentNamespace("w2");
    assertThat(sum.get()).isNull();
    assertThat(backend.numNamespacedEntries("sum")).isEqualTo(1);
    ns.setCurrentNamespace("w1");
    sum.clear();
    assertThat(backend.numNamespacedEntries("sum")).isZero();
    assertThat(backend.numKeys("sum")).isZero();
  }

  @Test
  void listStatesMergeByConcatenation() throws Exception {
    ListState<Integer> l =
        backend.getOrCreateNamespacedState(
            new ListStateDescriptor<>("l", Integer.class), Types.INT);
    NamespacedState ns = (NamespacedState) l;
    backend.setCurrentKey(7);
    ns.setCurrentNamespace(1);
    l.add(1);
    ns.setCurrentNamespace(2);
    l.add(2);
    ns.mergeNamespaces(1, List.of(2));
    ns.setCurrentNamespace(1);
    assertThat(l.get()).containsExactly(1, 2);
  }

  @Test
  void theSameNameWithAnotherKindIsAnError() {
    backend.getOrCreateState(new ValueStateDescriptor<>("x", String.class));
    assertThatThrownBy(() -> backend.getOrCreateState(new ListStateDescriptor<>("x", String.class)))
        .hasMessageContaining("different name");
  }

  @Test
  void aKeyOfAnotherSubtaskIsRejected() {
    HeapKeyedStateBackend half =
        new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 2, 0), 128);
    Object foreign = null;
    for (int i = 0; foreign == null; i++) {
      if (KeyGroups.assignToKeyGroup(i, 128) >= 64) {
        foreign = i;
      }
    }
    Object key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key)).hasMessageContaining("does not own");
  }
}
