package io.spry.api.time;

/** The system clock: {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public long nanos() {
    return System.nanoTime();
  }
}
