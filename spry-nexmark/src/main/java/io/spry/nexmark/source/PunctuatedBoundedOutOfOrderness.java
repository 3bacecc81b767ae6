package io.spry.nexmark.source;

import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import java.time.Duration;

/**
 * Bounded out-of-orderness watermarks (the largest timestamp seen minus the bound minus 1 ms),
 * emitted on the event that moves them rather than periodically: with millisecond timestamps, at
 * most one watermark per millisecond of event time.
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
      output.emitWatermark(eventTimestamp - boundMillis - 1);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
