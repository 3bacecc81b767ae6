package io.spry.testkit;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when the test moves it, so processing time is deterministic.
 *
 * <p>It keeps two readings, as a real machine does: wall-clock time ({@link #millis()}) and a
 * monotonic reading ({@link #nanos()}). {@link #advance} moves both by the same amount
 * (sub-millisecond steps add up: two steps of 600 µs move {@link #millis()} by one). {@link #set}
 * moves only the wall clock, forwards or backwards, like a correction of the system time; the
 * monotonic reading never goes back.
 *
 * <p>Thread-safe: any thread may read or move it (a job's worker threads read it while the test
 * moves it), and each reading pair is consistent. A new clock reads {@code 0} ms (the epoch) and
 * {@code 0} ns unless a start is given.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * StreamEnvironment env = StreamEnvironment.createLocal(2).setClock(clock);
 * clock.advance(Duration.ofSeconds(5));
 * }</pre>
 */
@Public
public final class ManualClock implements Clock {
  private static final long serialVersionUID = 1L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Wall-clock time in nanoseconds since the epoch, and the monotonic reading. */
  private record Reading(long wallNanos, long monotonicNanos) implements Serializable {}

  private final AtomicReference<Reading> reading;

  /** A clock at the epoch (0 ms). */
  public ManualClock() {
    this(0L);
  }

  /** A clock whose wall-clock time starts at {@code startMillis} since the epoch. */
  public ManualClock(long startMillis) {
    this.reading = new AtomicReference<>(new Reading(toNanos(startMillis), 0L));
  }

  /** A clock whose wall-clock time starts at {@code start}. */
  public ManualClock(Instant start) {
    this(Objects.requireNonNull(start, "start").toEpochMilli());
  }

  @Override
  public long millis() {
    return Math.floorDiv(reading.get().wallNanos(), NANOS_PER_MILLI);
  }

  @Override
  public long nanos() {
    return reading.get().monotonicNanos();
  }

  /** The wall-clock time as an instant (millisecond precision, like {@link #millis()}). */
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /**
   * Moves time forward: both the wall clock and the monotonic reading.
   *
   * @param duration how far; must not be negative
   * @return the wall-clock time afterwards, in milliseconds
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public long advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "A ManualClock only advances; use set(...) to move the wall clock back. Was " + duration);
    }
    long d = duration.toNanos();
    Reading r =
        reading.updateAndGet(
            old ->
                new Reading(
                    Math.addExact(old.wallNanos(), d), Math.addExact(old.monotonicNanos(), d)));
    return Math.floorDiv(r.wallNanos(), NANOS_PER_MILLI);
  }

  /**
   * Moves time forward by {@code millis} milliseconds.
   *
   * @return the wall-clock time afterwards, in milliseconds
   */
  public long advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /**
   * Sets the wall clock to {@code epochMillis}, forwards or backwards. The monotonic reading does
   * not move (use {@link #advance} to let time pass).
   */
  public void set(long epochMillis) {
    long wall = toNanos(epochMillis);
    reading.updateAndGet(old -> new Reading(wall, old.monotonicNanos()));
  }

  /** Sets the wall clock to {@code time}; see {@link #set(long)}. */
  public void set(Instant time) {
    set(Objects.requireNonNull(time, "time").toEpochMilli());
  }

  private static long toNanos(long millis) {
    try {
      return Math.multiplyExact(millis, NANOS_PER_MILLI);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "A ManualClock holds times within about 292 years of the epoch; " + millis + " ms is not",
          e);
    }
  }

  @Override
  public String toString() {
    Reading r = reading.get();
    return "ManualClock("
        + Instant.ofEpochMilli(Math.floorDiv(r.wallNanos(), NANOS_PER_MILLI))
        + ", nanos="
        + r.monotonicNanos()
        + ")";
  }
}
