package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import java.time.Duration;

/** Argument checks for the durations of window assigners, triggers and evictors. */
@Internal
public final class DurationChecks {
  private DurationChecks() {}

  /** The duration in milliseconds, which must be at least 1. */
  public static long positiveMillis(Duration d, String call, String what) {
    if (d == null || d.toMillis() < 1) {
      throw new IllegalArgumentException(
          call + ": the " + what + " must be at least 1 ms, was " + d);
    }
    return d.toMillis();
  }

  /** The duration in milliseconds, which must not be negative. */
  public static long nonNegativeMillis(Duration d, String call, String what) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          call + ": the " + what + " must not be negative, was " + d);
    }
    return d.toMillis();
  }
}
