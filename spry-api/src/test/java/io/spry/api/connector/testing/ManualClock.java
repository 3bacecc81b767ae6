package io.spry.api.connector.testing;

import io.spry.api.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test advances it. Both readings move together. */
public final class ManualClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final long epochMillisAtStart;

  public ManualClock() {
    this(1_700_000_000_000L);
  }

  public ManualClock(long epochMillisAtStart) {
    this.epochMillisAtStart = epochMillisAtStart;
  }

  public void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  public void advanceNanos(long by) {
    nanos.addAndGet(by);
  }

  @Override
  public long millis() {
    return epochMillisAtStart + (nanos.get() - 1_000_000_000L) / 1_000_000L;
  }

  @Override
  public long nanos() {
    return nanos.get();
  }
}
