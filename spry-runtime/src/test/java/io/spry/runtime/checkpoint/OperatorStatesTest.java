package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.state.BroadcastState;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator state written by {@code from} subtasks and restored by {@code to} subtasks. */
class OperatorStatesTest {
  static final ListStateDescriptor<String> SPLIT = new ListStateDescriptor<>("split", String.class);
  static final ListStateDescriptor<String> UNION = new ListStateDescriptor<>("union", String.class);
  static final MapStateDescriptor<String, Integer> BROADCAST =
      new MapStateDescriptor<>("rules", String.class, Integer.class);

  @ParameterizedTest
  @CsvSource({"1,1", "2,4", "4,1", "3,5", "5,3"})
  void listsAreSplitEvenlyUnionsGoWholeAndBroadcastStateIsCopied(int from, int to)
      throws Exception {
    List<SubtaskState> written = new ArrayList<>();
    List<String> allSplit = new ArrayList<>();
    List<String> allUnion = new ArrayList<>();
    for (int i = 0; i < from; i++) {
      OperatorStates s = new OperatorStates("op", RestoredState.EMPTY);
      ListState<String> split = s.getListState(SPLIT);
      ListState<String> union = s.getUnionListState(UNION);
      BroadcastState<String, Integer> rules = s.getBroadcastState(BROADCAST);
      for (int k = 0; k < 3 + i; k++) {
        split.add("s" + i + "-" + k);
        allSplit.add("s" + i + "-" + k);
      }
      union.add("u" + i);
      allUnion.add("u" + i);
      rules.put("a", 1);
      rules.put("b", 2);
      SubtaskState out = new SubtaskState();
      s.snapshot(out);
      written.add(SubtaskState.fromBytes(out.toBytes()));
    }
    List<String> gotSplit = new ArrayList<>();
    for (int j = 0; j < to; j++) {
      OperatorStates s = new OperatorStates("op", StateAssignment.assign(written, 128, to, j));
      List<String> mine = new ArrayList<>();
      s.getListState(SPLIT).get().forEach(mine::add);
      // even: sizes differ by at most one
      assertThat(mine.size()).isBetween(allSplit.size() / to, allSplit.size() / to + 1);
      gotSplit.addAll(mine);
      List<String> union = new ArrayList<>();
      s.getUnionListState(UNION).get().forEach(union::add);
      assertThat(union).containsExactlyElementsOf(allUnion);
      Map<String, Integer> rules = new HashMap<>();
      s.getBroadcastState(BROADCAST).entries().forEach(e -> rules.put(e.getKey(), e.getValue()));
      assertThat(rules).isEqualTo(Map.of("a", 1, "b", 2));
    }
    assertThat(gotSplit).containsExactlyElementsOf(allSplit);
  }
}
