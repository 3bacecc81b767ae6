package io.spry.nexmark.latency;

import java.time.Instant;

/**
 * The wall clock of a latency run, in epoch nanoseconds: the system time read once when this class
 * loads, advanced by {@link System#nanoTime()}. It never goes back, has the resolution of {@code
 * nanoTime}, and every thread of the JVM reads the same clock, so a source that waits for an
 * event's scheduled time and a sink that subtracts it agree. (Both engines of a latency run, Spry
 * and Flink's mini cluster, run their sources and sinks in the measuring JVM.)
 */
public final class WallClock {
  private static final long ANCHOR_EPOCH_NANOS;
  private static final long ANCHOR_NANO_TIME;

  static {
    Instant now = Instant.now();
    ANCHOR_NANO_TIME = System.nanoTime();
    ANCHOR_EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private WallClock() {}

  /** Now, in nanoseconds since the epoch. */
  public static long epochNanos() {
    return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_NANO_TIME);
  }

  /** Now, in whole milliseconds since the epoch (rounded down). */
  public static long epochMillis() {
    return Math.floorDiv(epochNanos(), 1_000_000L);
  }
}
