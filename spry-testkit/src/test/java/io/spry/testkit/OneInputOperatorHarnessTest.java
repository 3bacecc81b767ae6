package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.OutputTag;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.RichMapFunction;
import io.spry.api.metrics.Counter;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.operator.MapOperator;
import io.spry.runtime.operator.OperatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneInputOperatorHarnessTest {

  @Test
  void mapKeepsTimestampsAndForwardsWatermarks() {
    var harness = OperatorHarness.forMap((String s) -> s.length()).open();

    harness.processElement("spry", 10L).processElement("go").processWatermark(10L);

    assertThat(harness.getOutput()).containsExactly(4, 2);
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of(4, 10L), TimestampedValue.withoutTimestamp(2));
    assertThat(harness.getWatermarks()).containsExactly(10L);
    harness.close();
  }

  @Test
  void passesOnlyRisingWatermarksLikeATask() {
    var harness = OperatorHarness.forMap((Integer x) -> x).open();
    harness.processWatermark(5).processWatermark(5).processWatermark(3).processWatermark(8);
    assertThat(harness.getWatermarks()).containsExactly(5L, 8L);
  }

  @Test
  void flatMapAndFilter() {
    FlatMapFunction<String, String> split =
        (line, out) -> {
          for (String w : line.split(" ")) {
            out.collect(w);
          }
        };
    var flatMap = OperatorHarness.forFlatMap(split).open();
    flatMap.processElement("a b c", 7L);
    assertThat(flatMap.getOutputWithTimestamps())
        .extracting(TimestampedValue::timestamp)
        .containsOnly(7L);
    assertThat(flatMap.getOutput()).containsExactly("a", "b", "c");

    var filter = OperatorHarness.forFilter((Integer x) -> x % 2 == 0).open();
    filter.processElements(List.of(1, 2, 3, 4));
    assertThat(filter.getOutput()).containsExactly(2, 4);
  }

  @Test
  void processFunctionSeesTimestampsAndWritesSideOutputs() {
    OutputTag<String> rejected = new OutputTag<>("rejected", String.class);
    var harness =
        OperatorHarness.forProcess(
                new ProcessFunction<Integer, Integer>() {
                  @Override
                  public void processElement(Integer value, Context ctx, Collector<Integer> out) {
                    if (value < 0) {
                      ctx.output(rejected, "negative " + value + " at " + ctx.timestamp());
                    } else {
                      out.collect(value * 10);
                    }
                  }
                })
            .open();

    harness.processElement(1, 100L).processElement(-2, 200L).processElement(3);

    assertThat(harness.getOutput()).containsExactly(10, 30);
    assertThat(harness.getSideOutput(rejected)).containsExactly("negative -2 at 200");
    assertThat(harness.getSideOutputWithTimestamps(rejected))
        .containsExactly(TimestampedValue.of("negative -2 at 200", 200L));
    assertThat(harness.getSideOutput(new OutputTag<>("other", String.class))).isEmpty();

    harness.clearOutput();
    assertThat(harness.getOutput()).isEmpty();
    assertThat(harness.getSideOutput(rejected)).isEmpty();
  }

  /** Records its lifecycle and what its runtime context says. */
  static final class Recording extends RichMapFunction<Integer, String> {
    final List<String> events = new ArrayList<>();
    private transient Counter seen;

    @Override
    public void open() {
      var ctx = getRuntimeContext();
      events.add(
          "open "
              + ctx.getTaskNameWithSubtask()
              + " "
              + ctx.getIndexOfThisSubtask()
              + "/"
              + ctx.getNumberOfParallelSubtasks()
              + " max "
              + ctx.getMaxNumberOfParallelSubtasks());
      seen = ctx.getCounter("seen");
    }

    @Override
    public String map(Integer value) {
      seen.inc();
      return "v" + value;
    }

    @Override
    public void close() {
      events.add("close");
    }
  }

  @Test
  void richFunctionGetsItsLifecycleContextAndCounters() {
    Recording fn = new Recording();
    var harness =
        OperatorHarness.forMap(fn)
            .withOperatorName("labels")
            .withSubtask(2, 4)
            .withMaxParallelism(16)
            .open();
    harness.processElement(1).processElement(2);
    harness.endInput();
    harness.close();
    harness.close();

    assertThat(fn.events).containsExactly("open labels (3/4) 2/4 max 16", "close");
    assertThat(harness.getCounter("seen")).isEqualTo(2);
    assertThat(harness.getCounter("never")).isZero();
  }

  @Test
  void userFailuresAreWrappedAsTheRuntimeWrapsThem() {
    var harness = OperatorHarness.forMap((Integer x) -> 10 / x).withOperatorName("divide").open();
    harness.processElement(5);

    assertThatThrownBy(() -> harness.processElement(0))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("'divide'")
        .hasMessageContaining("divide (1/1)")
        .hasMessageContaining("on record 0")
        .hasRootCauseInstanceOf(ArithmeticException.class);
    assertThat(harness.getOutput()).containsExactly(2);
  }

  @Test
  void failuresInOpenAndCloseAreWrappedToo() {
    var failsOpen =
        OperatorHarness.forMap(
            new RichMapFunction<Integer, Integer>() {
              @Override
              public void open() {
                getRuntimeContext().getState(new ValueStateDescriptor<>("x", Integer.class));
              }

              @Override
              public Integer map(Integer value) {
                return value;
              }
            });
    assertThatThrownBy(failsOpen::open)
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("in open()")
        .hasMessageContaining("only available on a keyed stream")
        .hasMessageContaining("OneInputOperatorHarnessTest");

    var failsClose =
        OperatorHarness.forMap(
                new RichMapFunction<Integer, Integer>() {
                  @Override
                  public Integer map(Integer value) {
                    return value;
                  }

                  @Override
                  public void close() {
                    throw new IllegalStateException("boom");
                  }
                })
            .open();
    assertThatThrownBy(failsClose::close)
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("in close()")
        .hasMessageContaining("boom");
  }

  @Test
  void enforcesTheLifecycle() {
    var harness = OperatorHarness.forMap((Integer x) -> x);
    assertThatThrownBy(() -> harness.processElement(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call open() first");
    harness.open();
    assertThatThrownBy(() -> harness.withSubtask(0, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before open()");
    harness.endInput();
    assertThatThrownBy(() -> harness.processElement(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("endInput()");
    harness.close();
    assertThatThrownBy(() -> harness.processWatermark(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> OperatorHarness.forMap((Integer x) -> x).withSubtask(2, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void processingTimeDrivesPeriodicWatermarks() {
    WatermarkStrategy<Long> strategy =
        WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(10))
            .withTimestampAssigner((x, ts) -> x);
    var harness =
        OperatorHarness.forTimestampsAndWatermarks(strategy, Duration.ofMillis(200)).open();

    harness.processElement(1000L).processElement(1500L);
    assertThat(harness.getWatermarks()).isEmpty();
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of(1000L, 1000L), TimestampedValue.of(1500L, 1500L));

    harness.advanceProcessingTime(Duration.ofMillis(199));
    assertThat(harness.getWatermarks()).isEmpty();
    harness.advanceProcessingTime(Duration.ofMillis(1));
    assertThat(harness.getWatermarks()).containsExactly(1489L);
    assertThat(harness.getClock().millis()).isEqualTo(200);
  }

  @Test
  void processFunctionReadsTheManualClock() {
    ManualClock clock = new ManualClock(5_000);
    var harness =
        OperatorHarness.forProcess(
                new ProcessFunction<String, Long>() {
                  @Override
                  public void processElement(String value, Context ctx, Collector<Long> out) {
                    out.collect(ctx.timerService().currentProcessingTime());
                  }
                })
            .withClock(clock)
            .open();
    harness.processElement("a");
    clock.advanceMillis(10);
    harness.processElement("b");
    assertThat(harness.getOutput()).containsExactly(5_000L, 5_010L);
  }

  @Test
  void genericConstructorRunsAnyOperator() {
    var harness = new OneInputOperatorHarness<>(new MapOperator<Integer, Integer>(x -> x + 1));
    assertThat(harness.getOperatorName()).isEqualTo("Map");
    harness.open().processElement(1);
    assertThat(harness.getOutput()).containsExactly(2);
    assertThat(harness.getOperator()).isInstanceOf(MapOperator.class);
  }

  @Test
  void keyedStateIsOnlyForKeyedHarnesses() {
    var harness = OperatorHarness.forMap((Integer x) -> x).open();
    assertThatThrownBy(() -> harness.numKeyedStateEntries("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not keyed");
  }
}
