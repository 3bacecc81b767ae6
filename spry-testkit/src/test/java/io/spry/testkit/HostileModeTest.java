package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.OutputTag;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.tuple.Tuple2;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Hostile mode must not change what an operator emits, only how it gets out. */
class HostileModeTest {

  private static <IN, OUT> void assertSameOutput(
      Supplier<OneInputOperatorHarness<IN, OUT>> harness,
      Consumer<OneInputOperatorHarness<IN, OUT>> scenario,
      boolean expectOverflow) {
    var normal = harness.get().open();
    var hostile = harness.get().hostile().open();
    scenario.accept(normal);
    scenario.accept(hostile);

    assertThat(hostile.isHostile()).isTrue();
    assertThat(hostile.getOutputWithTimestamps())
        .isNotEmpty()
        .isEqualTo(normal.getOutputWithTimestamps());
    assertThat(hostile.getWatermarks()).isEqualTo(normal.getWatermarks());
    assertThat(normal.blockedFlushes()).isZero();
    if (expectOverflow) {
      assertThat(hostile.blockedFlushes()).isPositive();
    }
  }

  @Test
  void flatMapEmittingHundredsPerInputGoesThroughOverflowUnchanged() {
    FlatMapFunction<Integer, String> fanOut =
        (x, out) -> {
          for (int i = 0; i < 100; i++) {
            out.collect(x + "." + i);
          }
        };
    assertSameOutput(
        () -> OperatorHarness.forFlatMap(fanOut),
        h -> {
          for (int x = 0; x < 20; x++) {
            h.processElement(x, x * 10L);
            if (x % 5 == 4) {
              h.processWatermark(x * 10L);
            }
          }
          h.endInput();
        },
        true);
  }

  @Test
  void reduceIsUnchanged() {
    assertSameOutput(
        () ->
            OperatorHarness.forReduce(
                (Tuple2<Integer, Long> a, Tuple2<Integer, Long> b) -> Tuple2.of(a.f0, a.f1 + b.f1),
                t -> t.f0),
        h -> {
          for (long i = 0; i < 500; i++) {
            h.processElement(Tuple2.of((int) (i % 7), i), i);
          }
          h.processWatermark(Long.MAX_VALUE);
        },
        false);
  }

  static final OutputTag<Integer> ODD = new OutputTag<>("odd", Integer.class);

  /** Emits {@code value} records, even ones to the main output and odd ones to {@link #ODD}. */
  static final class Route extends ProcessFunction<Integer, Integer> {
    @Override
    public void processElement(Integer value, Context ctx, Collector<Integer> out) {
      for (int i = 0; i < value; i++) {
        if (i % 2 == 0) {
          out.collect(value * 1000 + i);
        } else {
          ctx.output(ODD, value * 1000 + i);
        }
      }
    }
  }

  @Test
  void sideOutputsKeepTheirOrder() {
    OutputTag<Integer> odd = ODD;
    Route route = new Route();
    var normal = OperatorHarness.forProcess(route).open();
    var hostile = OperatorHarness.forProcess(route).hostile().open();
    for (int v = 1; v <= 30; v++) {
      normal.processElement(v, v);
      hostile.processElement(v, v);
    }
    assertThat(hostile.getOutputWithTimestamps()).isEqualTo(normal.getOutputWithTimestamps());
    assertThat(hostile.getSideOutputWithTimestamps(odd))
        .hasSize(225) // the sum of v / 2 for v in 1..30
        .isEqualTo(normal.getSideOutputWithTimestamps(odd));
    assertThat(hostile.blockedFlushes()).isPositive();
  }

  @Test
  void outputBeforeAFailureIsRecordedInBothModes() {
    FlatMapFunction<Integer, Integer> failsHalfway =
        (x, out) -> {
          for (int i = 0; i < 50; i++) {
            out.collect(i);
          }
          throw new IllegalStateException("halfway");
        };
    var normal = OperatorHarness.forFlatMap(failsHalfway).open();
    var hostile = OperatorHarness.forFlatMap(failsHalfway).hostile().open();
    assertThatThrownBy(() -> normal.processElement(1)).hasRootCauseMessage("halfway");
    assertThatThrownBy(() -> hostile.processElement(1)).hasRootCauseMessage("halfway");
    assertThat(hostile.getOutput()).hasSize(50).isEqualTo(normal.getOutput());
  }

  @Test
  void rejectsFunctionsAJobCouldNotShip() {
    Object notSerializable = new Object();
    var harness = OperatorHarness.forMap((Integer x) -> x + notSerializable.hashCode());
    harness.open().processElement(1); // fine without hostile mode

    assertThatThrownBy(
            () ->
                OperatorHarness.forMap((Integer x) -> x + notSerializable.hashCode())
                    .hostile()
                    .open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Map' is not serializable")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void extraTicksAtTheSameTimeChangeNoPeriodicWatermarks() {
    WatermarkStrategy<Long> strategy =
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x);
    assertSameOutput(
        () -> OperatorHarness.forTimestampsAndWatermarks(strategy, Duration.ofMillis(100)),
        h -> {
          for (long t = 0; t < 50; t++) {
            h.processElement(t * 7);
            if (t % 10 == 9) {
              h.advanceProcessingTime(Duration.ofMillis(100));
            }
          }
        },
        false);
  }
}
