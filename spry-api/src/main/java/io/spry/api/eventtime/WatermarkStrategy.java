package io.spry.api.eventtime;

import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream's events get timestamps and watermarks. Immutable: the {@code with...} methods
 * return a new strategy.
 *
 * <pre>{@code
 * WatermarkStrategy.<Bid>forBoundedOutOfOrderness(Duration.ofSeconds(2))
 *     .withTimestampAssigner((bid, ts) -> bid.dateTime())
 *     .withIdleness(Duration.ofMinutes(1))
 * }</pre>
 */
@Public
public final class WatermarkStrategy<T> implements Serializable {

  private final WatermarkGeneratorSupplier<T> generator;
  private final TimestampAssigner<T> timestampAssigner;
  private final Duration idleTimeout;
  private final boolean ingestionTime;
  private final WatermarkAlignment alignment;

  private WatermarkStrategy(
      WatermarkGeneratorSupplier<T> generator,
      TimestampAssigner<T> timestampAssigner,
      Duration idleTimeout) {
    this(generator, timestampAssigner, idleTimeout, false, null);
  }

  private WatermarkStrategy(
      WatermarkGeneratorSupplier<T> generator,
      TimestampAssigner<T> timestampAssigner,
      Duration idleTimeout,
      boolean ingestionTime,
      WatermarkAlignment alignment) {
    this.generator = generator;
    this.timestampAssigner = timestampAssigner;
    this.idleTimeout = idleTimeout;
    this.ingestionTime = ingestionTime;
    this.alignment = alignment;
  }

  /**
   * Ingestion time: each record is stamped with the processing time (the job's clock) at which the
   * source read it, and the watermark follows the clock. Results then depend on when data arrived,
   * not on times in the data, but there is no out-of-order data and nothing is late.
   */
  public static <T> WatermarkStrategy<T> ingestionTime() {
    return new WatermarkStrategy<>(
        () -> new BoundedOutOfOrdernessWatermarks<>(Duration.ZERO), null, null, true, null);
  }

  /** Whether records are stamped with the clock where this strategy is applied. */
  public boolean isIngestionTime() {
    return ingestionTime;
  }

  /** No watermarks: event time does not advance (processing-time jobs). */
  public static <T> WatermarkStrategy<T> noWatermarks() {
    return new WatermarkStrategy<>(NoWatermarksGenerator::new, null, null);
  }

  /** For timestamps that never decrease: the watermark follows the largest timestamp. */
  public static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return forBoundedOutOfOrderness(Duration.ZERO);
  }

  /** For events at most {@code maxOutOfOrderness} late relative to the largest seen. */
  public static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
    Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
    return new WatermarkStrategy<>(
        () -> new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness), null, null);
  }

  /** A custom generator, periodic or punctuated. */
  public static <T> WatermarkStrategy<T> forGenerator(WatermarkGeneratorSupplier<T> generator) {
    return new WatermarkStrategy<>(Objects.requireNonNull(generator, "generator"), null, null);
  }

  /** Takes timestamps from the events. Without it, the source's timestamps are kept. */
  public WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
    if (ingestionTime) {
      throw new IllegalStateException(
          "Ingestion time stamps records with the clock; it takes no timestamp assigner");
    }
    return new WatermarkStrategy<>(
        generator, Objects.requireNonNull(assigner, "assigner"), idleTimeout, false, alignment);
  }

  /** An input with no events for {@code timeout} of processing time is marked idle. */
  public WatermarkStrategy<T> withIdleness(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("idleness timeout must be positive, was " + timeout);
    }
    return new WatermarkStrategy<>(generator, timestampAssigner, timeout, ingestionTime, alignment);
  }

  /**
   * Watermark alignment: the sources of a job whose strategies name the same {@code group} keep
   * their watermarks within {@code maxDrift} of the group's lowest. A source subtask further ahead
   * stops reading until the slowest catches up, so a fast source (or a subtask that gets more CPU)
   * does not fill windows, joins and timers downstream with records the watermark cannot release
   * yet. Subtasks that are idle, finished or have not emitted a watermark yet do not hold the group
   * back. Only for the strategy given to {@code fromSource}: alignment pauses a source's reader.
   */
  public WatermarkStrategy<T> withWatermarkAlignment(String group, Duration maxDrift) {
    return withWatermarkAlignment(group, maxDrift, WatermarkAlignment.DEFAULT_UPDATE_INTERVAL);
  }

  /**
   * Watermark alignment as {@link #withWatermarkAlignment(String, Duration)}, with Flink's update
   * interval: how often Flink's sources exchange watermarks with its coordinator. Accepted so that
   * Flink jobs port unchanged; Spry does not use it, since its subtasks share their watermarks in
   * memory and read the group's lowest before every poll of their reader.
   */
  public WatermarkStrategy<T> withWatermarkAlignment(
      String group, Duration maxDrift, Duration updateInterval) {
    if (isNoWatermarks()) {
      throw new IllegalStateException(
          "A strategy without watermarks has nothing to align: give watermark alignment to a"
              + " strategy that makes watermarks, e.g. forBoundedOutOfOrderness(...)");
    }
    return new WatermarkStrategy<>(
        generator,
        timestampAssigner,
        idleTimeout,
        ingestionTime,
        new WatermarkAlignment(group, maxDrift, updateInterval));
  }

  /** The watermark alignment, or null when the source reads freely. */
  public WatermarkAlignment getAlignment() {
    return alignment;
  }

  public WatermarkGenerator<T> createWatermarkGenerator() {
    return generator.createWatermarkGenerator();
  }

  /** The timestamp assigner, or null to keep the timestamps records already have. */
  public TimestampAssigner<T> getTimestampAssigner() {
    return timestampAssigner;
  }

  /** The idleness timeout, or null. */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /** Whether this strategy never emits watermarks. */
  public boolean isNoWatermarks() {
    return generator.createWatermarkGenerator() instanceof NoWatermarksGenerator;
  }

  private static final class NoWatermarksGenerator<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }
}
