package io.spry.api.connector.datagen;

import io.spry.api.time.Clock;

/**
 * Says how many records are due at a steady rate, without ever sleeping: a reader asks {@link
 * #permits} on each poll and emits at most that many. The first record is due at once; after that,
 * {@code rate} records per second of the clock's monotonic time. A reader that fell behind (it was
 * backpressured, say) catches up at most one second's worth of records at once.
 *
 * <p>Exact for whole numbers: after {@code t} nanoseconds, {@code floor(t * rate / 1e9) + 1}
 * records are due in total.
 */
final class RateLimiter {
  private static final double NANOS_PER_SECOND = 1e9;

  private final Clock clock;
  private final double recordsPerSecond;
  private final long burst;
  private long startNanos;
  private boolean started;

  /** Records counted as emitted since {@code startNanos}, including forgiven ones. */
  private long granted;

  RateLimiter(Clock clock, double recordsPerSecond) {
    if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
      throw new IllegalArgumentException("A rate must be positive and finite: " + recordsPerSecond);
    }
    this.clock = clock;
    this.recordsPerSecond = recordsPerSecond;
    this.burst = Math.max(1L, (long) Math.ceil(recordsPerSecond));
  }

  /** How many records may be emitted now, at most {@code max}; 0 when none is due. */
  long permits(long max) {
    long now = clock.nanos();
    if (!started) {
      started = true;
      startNanos = now;
    }
    long due = dueSinceStart(now) - granted;
    if (due > burst) {
      granted += due - burst; // forgive what a stalled reader missed beyond one second's worth
      due = burst;
    }
    return Math.max(0, Math.min(due, max));
  }

  /** Records that {@link #permits} allowed were emitted. */
  void consumed(long records) {
    granted += records;
  }

  private long dueSinceStart(long now) {
    double elapsed = (double) (now - startNanos);
    return (long) Math.floor(elapsed * recordsPerSecond / NANOS_PER_SECOND) + 1;
  }
}
