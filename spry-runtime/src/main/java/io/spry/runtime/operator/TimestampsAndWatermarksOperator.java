package io.spry.runtime.operator;

import io.spry.api.eventtime.TimestampAssigner;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;

/**
 * {@code assignTimestampsAndWatermarks}: stamps records and emits the generator's watermarks,
 * periodically on the job's watermark interval. Upstream watermarks are swallowed (this operator
 * decides event time from here on), except the final one at the end of input.
 */
public final class TimestampsAndWatermarksOperator<T> extends StreamOperator<T>
    implements OneInputOperator<T>, WatermarkOutput {
  private final WatermarkStrategy<T> strategy;
  private final long intervalMillis;
  private TimestampAssigner<T> assigner;
  private WatermarkGenerator<T> generator;
  private long lastEmitted = Long.MIN_VALUE;
  private long nextPeriodic;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, long intervalMillis) {
    this.strategy = strategy;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void open() {
    assigner = strategy.getTimestampAssigner();
    generator = strategy.createWatermarkGenerator();
    nextPeriodic = context.clock().millis() + intervalMillis;
  }

  @Override
  public void processElement(T value, long timestamp) {
    long ts = assigner == null ? timestamp : assigner.extractTimestamp(value, timestamp);
    output.collect(value, ts);
    generator.onEvent(value, ts, this);
  }

  @Override
  public void processWatermark(long watermark) {
    if (watermark == Long.MAX_VALUE) {
      emitWatermark(watermark);
    }
  }

  @Override
  public boolean wantsProcessingTimeTicks() {
    return intervalMillis > 0;
  }

  @Override
  public void onProcessingTime(long nowMillis) {
    if (nowMillis >= nextPeriodic) {
      generator.onPeriodicEmit(this);
      nextPeriodic = nowMillis + intervalMillis;
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    if (watermark > lastEmitted) {
      lastEmitted = watermark;
      setCurrentWatermark(watermark);
      output.emitWatermark(watermark);
    }
  }

  @Override
  public void markIdle() {}

  @Override
  public void markActive() {}
}
