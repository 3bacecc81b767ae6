package io.spry.runtime.operator;

import io.spry.api.eventtime.TimestampAssigner;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;

/**
 * {@code assignTimestampsAndWatermarks}: stamps records (from the assigner, or from the clock for
 * ingestion time) and emits the generator's watermarks: periodic ones on the job's watermark
 * interval (or sooner, after the job's {@code autoWatermarkRecords} records), punctuated ones at
 * once. With {@code withIdleness(timeout)} the stream is marked idle after a quiet spell and active
 * with its next record. Upstream watermarks are swallowed (this operator decides event time from
 * here on), except the final one at the end of input.
 */
public final class TimestampsAndWatermarksOperator<T> extends StreamOperator<T>
    implements OneInputOperator<T>, WatermarkOutput {
  private final WatermarkStrategy<T> strategy;
  private final long intervalMillis;
  private final long everyRecords;
  private TimestampAssigner<T> assigner;
  private WatermarkGenerator<T> generator;
  private boolean ingestionTime;
  private long idleTimeoutMillis;
  private long lastEmitted = Long.MIN_VALUE;
  private long nextPeriodic;
  private long recordsSincePeriodic;
  private long lastActiveMillis;
  private boolean idle;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, long intervalMillis) {
    this(strategy, intervalMillis, 0);
  }

  /**
   * @param everyRecords periodic watermarks also go out once this many records passed since the
   *     last ones (checked on each of the task's turns); 0 for the interval only
   */
  public TimestampsAndWatermarksOperator(
      WatermarkStrategy<T> strategy, long intervalMillis, long everyRecords) {
    this.strategy = strategy;
    this.intervalMillis = intervalMillis;
    this.everyRecords = everyRecords > 0 ? everyRecords : Long.MAX_VALUE;
  }

  @Override
  public void open() {
    assigner = strategy.getTimestampAssigner();
    generator = strategy.createWatermarkGenerator();
    ingestionTime = strategy.isIngestionTime();
    idleTimeoutMillis =
        strategy.getIdleTimeout() == null ? Long.MAX_VALUE : strategy.getIdleTimeout().toMillis();
    long now = context.clock().millis();
    nextPeriodic = now + intervalMillis;
    lastActiveMillis = now;
  }

  @Override
  public void processElement(T value, long timestamp) {
    long ts;
    if (ingestionTime) {
      ts = context.clock().millis();
    } else {
      ts = assigner == null ? timestamp : assigner.extractTimestamp(value, timestamp);
    }
    if (idle) {
      markActive();
    }
    recordsSincePeriodic++;
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
  public void processWatermarkStatus(boolean upstreamIdle) {
    // This operator decides its stream's status from its own records.
  }

  @Override
  public boolean wantsProcessingTimeTicks() {
    return intervalMillis > 0 || everyRecords != Long.MAX_VALUE;
  }

  @Override
  public void onProcessingTime(long nowMillis) {
    boolean timeIsUp = intervalMillis > 0 && nowMillis >= nextPeriodic;
    if (!timeIsUp && recordsSincePeriodic < everyRecords) {
      return;
    }
    nextPeriodic = nowMillis + intervalMillis;
    generator.onPeriodicEmit(this);
    if (recordsSincePeriodic > 0) {
      recordsSincePeriodic = 0;
      lastActiveMillis = nowMillis;
    } else if (!idle && nowMillis - lastActiveMillis >= idleTimeoutMillis) {
      markIdle();
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    if (watermark > lastEmitted) {
      if (idle) {
        markActive();
      }
      lastEmitted = watermark;
      setCurrentWatermark(watermark);
      output.emitWatermark(watermark);
    }
  }

  @Override
  public void markIdle() {
    if (!idle) {
      idle = true;
      output.emitWatermarkStatus(true);
    }
  }

  @Override
  public void markActive() {
    if (idle) {
      idle = false;
      output.emitWatermarkStatus(false);
    }
  }
}
