package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.runtime.operator.OperatorException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyedOperatorHarnessTest {

  /** Counts records per key and emits "key=count". */
  static final class CountPerKey extends KeyedProcessFunction<String, String, String> {
    static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Long.class);
    private transient ValueState<Long> count;

    @Override
    public void open() {
      count = getRuntimeContext().getState(COUNT);
    }

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
      long n = count.value() == null ? 1 : count.value() + 1;
      count.update(n);
      out.collect(ctx.getCurrentKey() + "=" + n);
    }
  }

  @Test
  void keyedProcessKeepsStatePerKey() throws Exception {
    var harness = OperatorHarness.forKeyedProcess(new CountPerKey(), s -> s).open();

    harness.processElement("a").processElement("b").processElement("a");

    assertThat(harness.getOutput()).containsExactly("a=1", "b=1", "a=2");
    assertThat(harness.numKeyedStateEntries("count")).isEqualTo(2);
    assertThat(harness.numKeyedStateEntries("no such state")).isZero();
    assertThat(harness.getKeyedState("a", CountPerKey.COUNT).value()).isEqualTo(2L);
    assertThat(harness.getKeyedState("c", CountPerKey.COUNT).value()).isNull();

    // The next record sets its own key again.
    harness.processElement("b");
    assertThat(harness.getOutput()).endsWith("b=2");
  }

  @Test
  void reduceEmitsTheRunningResultPerKey() {
    var harness =
        OperatorHarness.forReduce(
                (Tuple2<String, Integer> a, Tuple2<String, Integer> b) ->
                    Tuple2.of(a.f0, a.f1 + b.f1),
                t -> t.f0)
            .open();

    harness
        .processElement(Tuple2.of("x", 1), 1L)
        .processElement(Tuple2.of("y", 10), 2L)
        .processElement(Tuple2.of("x", 2), 3L)
        .processElement(Tuple2.of("x", 3), 4L);

    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(
            TimestampedValue.of(Tuple2.of("x", 1), 1L),
            TimestampedValue.of(Tuple2.of("y", 10), 2L),
            TimestampedValue.of(Tuple2.of("x", 3), 3L),
            TimestampedValue.of(Tuple2.of("x", 6), 4L));
    assertThat(harness.numKeyedStateEntries("_reduce")).isEqualTo(2);
    assertThat(harness.getOperatorName()).isEqualTo("Reduce");
  }

  @Test
  void aSubtaskOwnsOnlyItsKeyGroups() {
    var harness =
        OperatorHarness.forKeyedProcess(new CountPerKey(), s -> s)
            .withSubtask(0, 2)
            .withMaxParallelism(8)
            .open();
    String foreign =
        IntStream.range(0, 100)
            .mapToObj(i -> "k" + i)
            .filter(k -> !harness.ownsKey(k))
            .findFirst()
            .orElseThrow();
    String own =
        IntStream.range(0, 100)
            .mapToObj(i -> "k" + i)
            .filter(harness::ownsKey)
            .findFirst()
            .orElseThrow();

    harness.processElement(own);
    assertThat(harness.getOutput()).containsExactly(own + "=1");
    assertThatThrownBy(() -> harness.processElement(foreign))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("KeyedProcess (1/2)")
        .hasMessageContaining("on record " + foreign)
        .hasMessageContaining("does not own");
  }

  @Test
  void keyedParallelismMustFitTheKeyGroups() {
    var harness =
        OperatorHarness.forKeyedProcess(new CountPerKey(), s -> s)
            .withSubtask(0, 4)
            .withMaxParallelism(2);
    assertThatThrownBy(harness::open)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxParallelism=2");
  }
}
