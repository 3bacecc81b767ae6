package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The slice arithmetic that the API (to choose a {@code windowAll} plan) and the runtime (the
 * sliced window operators) share: aligned event-time windows cut into slices of {@code gcd(size,
 * slide)}.
 */
@Internal
public final class WindowSlices {
  /** The most slices one window may have for the sliced paths: a firing combines them all. */
  public static final long MAX_SLICES_PER_WINDOW = 1024;

  private WindowSlices() {}

  /**
   * {@code {size, slide, offset}} of a sliding or tumbling (slide = size) event-time assigner, or
   * null for any other assigner.
   */
  public static long[] sizeSlideOffset(Object assigner) {
    if (assigner instanceof SlidingEventTimeWindows s) {
      return new long[] {s.getSize(), s.getSlide(), s.getOffset()};
    }
    if (assigner instanceof TumblingEventTimeWindows t) {
      return new long[] {t.getSize(), t.getSize(), t.getOffset()};
    }
    return null;
  }

  public static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
