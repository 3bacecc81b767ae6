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

  private WatermarkStrategy(
      WatermarkGeneratorSupplier<T> generator,
      TimestampAssigner<T> timestampAssigner,
      Duration idleTimeout) {
    this.generator = generator;
    this.timestampAssigner = timestampAssigner;
    this.idleTimeout = idleTimeout;
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
    return new WatermarkStrategy<>(
        generator, Objects.requireNonNull(assigner, "assigner"), idleTimeout);
  }

  /** An input with no events for {@code timeout} of processing time is marked idle. */
  public WatermarkStrategy<T> withIdleness(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("idleness timeout must be positive, was " + timeout);
    }
    return new WatermarkStrategy<>(generator, timestampAssigner, timeout);
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
