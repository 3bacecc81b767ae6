package io.spry.runtime.task;

import java.util.concurrent.locks.LockSupport;

/**
 * How a worker waits when none of its tasklets made progress: spin briefly, then yield, then park
 * for exponentially longer (up to {@code maxParkNanos}). An idle job therefore costs almost no CPU,
 * while a busy one never sleeps. {@link #reset()} after progress.
 */
public final class IdleStrategy {
  private static final int SPINS = 20;
  private static final int YIELDS = 10;
  private static final long MIN_PARK_NANOS = 1_000;

  private final long maxParkNanos;
  private int idleTurns;
  private long parkNanos = MIN_PARK_NANOS;

  public IdleStrategy(long maxParkNanos) {
    this.maxParkNanos = maxParkNanos;
  }

  public void idle() {
    int n = idleTurns++;
    if (n < SPINS) {
      Thread.onSpinWait();
    } else if (n < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(parkNanos);
      parkNanos = Math.min(parkNanos * 2, maxParkNanos);
    }
  }

  public void reset() {
    idleTurns = 0;
    parkNanos = MIN_PARK_NANOS;
  }
}
