package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.Collector;
import io.spry.api.functions.ProcessJoinFunction;
import io.spry.api.graph.IntervalJoinSpec;
import io.spry.runtime.operator.join.IntervalJoinOperator;

/** A worked example of the interval join, readable by hand, with cleanup and late data. */
class IntervalJoinHarnessTest {

  static final class Pairs extends ProcessJoinFunction<String, String, String> {
    @Override
    public void processElement(String l, String r, Context ctx, Collector<String> out) {
      out.collect(l + "+" + r + "@" + ctx.getTimestamp());
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void pairsWithinBoundsThenCleansUpAndDropsLateElements(boolean hostile) throws Exception {
    // right within [left - 2, left + 3]
    var op =
        new IntervalJoinOperator<String, String, String, String>(
            new IntervalJoinSpec(new Pairs(), -2, 3, true, true));
    var h =
        new TwoInputOperatorHarness<String, String, String>(
            op, s -> s.substring(0, 1), s -> s.substring(0, 1));
    if (hostile) {
      h.hostile();
    }
    h.open();
    h.processElement1("a1", 10);
    h.processElement2("a2", 8); // 8 - 10 = -2: in
    h.processElement2("a3", 13); // +3: in
    h.processElement2("a4", 14); // +4: out
    h.processElement2("b1", 11); // other key
    h.processElement1("a5", 12); // pairs with a2? 8-12=-4 no; a3 13-12=1 yes; a4 14-12=2 yes
    assertThat(h.getOutput()).containsExactly("a1+a2@10", "a1+a3@13", "a5+a3@13", "a5+a4@14");
    assertThat(h.numKeyedStateEntries("_interval_join_left")).isEqualTo(1);
    assertThat(h.numKeyedStateEntries("_interval_join_right")).isEqualTo(2);
    h.clearOutput();
    h.processWatermark(100); // every buffered element is past its last possible partner
    assertThat(h.numKeyedStateEntries("_interval_join_left")).isZero();
    assertThat(h.numKeyedStateEntries("_interval_join_right")).isZero();
    assertThat(op.numTimers()).isZero();
    h.processElement1("a6", 50); // behind the watermark: late, dropped and counted
    assertThat(h.getOutput()).isEmpty();
    assertThat(h.getCounter("numLateRecordsDropped")).isEqualTo(1);
    h.close();
  }
}
