package io.spry.testkit;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.AggregateFunction;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.internal.WindowPreAggregation;
import io.spry.runtime.operator.window.WindowPreAggregateOperator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parallel half of a pre-aggregated {@code windowAll}, input by input: which partial sums it
 * emits, stamped with which time, and when.
 */
class WindowPreAggregateOperatorTest {

  /** Sums longs. */
  static final class Sum implements AggregateFunction<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Long value, Long acc) {
      return acc + value;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static OneInputOperatorHarness<Long, Object> harness(WindowAssigner<?, ?> assigner) {
    WindowPreAggregation spec =
        new WindowPreAggregation(
            assigner, new AggregatingStateDescriptor<>("contents", new Sum(), Types.LONG));
    return new OneInputOperatorHarness<Long, Object>(
            (WindowPreAggregateOperator) new WindowPreAggregateOperator<Long>(spec))
        .open();
  }

  private static TimestampedValue<Object> partial(long sum, long timestamp) {
    return new TimestampedValue<>(sum, timestamp);
  }

  @Test
  void aSliceGoesWhenTheWatermarkPassesItsLastMillisecondAndBeforeTheWatermark() {
    var h = harness(TumblingEventTimeWindows.of(ofMillis(10)));
    h.processElement(1L, 1).processElement(2L, 9).processElement(4L, 10).processElement(8L, 25);
    assertThat(h.getOutput()).isEmpty();
    h.processWatermark(8);
    assertThat(h.getOutput()).isEmpty(); // [0, 10) is still open
    h.processWatermark(9);
    assertThat(h.getOutputWithTimestamps()).containsExactly(partial(3, 9));
    assertThat(h.getWatermarks()).containsExactly(8L, 9L);
    h.processWatermark(30);
    assertThat(h.getOutputWithTimestamps())
        .containsExactly(partial(3, 9), partial(4, 19), partial(8, 29));
  }

  @Test
  void slidingWindowsArePreAggregatedPerSlice() {
    // windows of 30 every 10: slices of 10, each in three windows
    var h = harness(SlidingEventTimeWindows.of(ofMillis(30), ofMillis(10)));
    h.processElement(1L, 3).processElement(2L, 14).processElement(4L, 15).processWatermark(19);
    assertThat(h.getOutputWithTimestamps()).containsExactly(partial(1, 9), partial(6, 19));
  }

  @Test
  void aRecordForASliceAlreadySentGoesOnAtOnceAsItsOwnPartial() {
    var h = harness(TumblingEventTimeWindows.of(ofMillis(10)));
    h.processElement(1L, 1).processWatermark(12);
    h.processElement(5L, 4); // late here; the window subtask decides
    h.processElement(7L, 15);
    assertThat(h.getOutputWithTimestamps()).containsExactly(partial(1, 9), partial(5, 9));
  }

  @Test
  void openSlicesGoBeforeABarrierAndWhenTheInputGoesIdle() throws Exception {
    var h = harness(TumblingEventTimeWindows.of(ofMillis(10)));
    h.processElement(1L, 1).processElement(2L, 11);
    h.getOperator().prepareSnapshotPreBarrier(1);
    assertThat(h.getOutputWithTimestamps()).containsExactly(partial(1, 9), partial(2, 19));
    h.processElement(4L, 12); // the same slice again: merged downstream
    h.getOperator().processWatermarkStatus(true);
    assertThat(h.getOutputWithTimestamps())
        .containsExactly(partial(1, 9), partial(2, 19), partial(4, 19));
    h.processElement(8L, 13).endInput();
    assertThat(h.getOutput()).containsExactlyElementsOf(List.of(1L, 2L, 4L, 8L));
  }
}
