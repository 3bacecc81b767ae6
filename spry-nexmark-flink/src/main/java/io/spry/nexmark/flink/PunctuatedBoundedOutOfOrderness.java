package io.spry.nexmark.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks (the largest timestamp seen minus the bound minus 1 ms),
 * emitted on the event that moves them rather than periodically: the latency mode's watermarks, the
 * same rule as Spry's {@code NexmarkSource.punctuatedWatermarks()}.
 */
final class PunctuatedBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
  private final long boundMillis;
  private long maxTimestamp = Long.MIN_VALUE;

  PunctuatedBoundedOutOfOrderness(Duration bound) {
    this.boundMillis = bound.toMillis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > maxTimestamp) {
      maxTimestamp = eventTimestamp;
      output.emitWatermark(
          new org.apache.flink.api.common.eventtime.Watermark(eventTimestamp - boundMillis - 1));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
