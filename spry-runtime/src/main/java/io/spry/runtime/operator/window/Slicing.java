package io.spry.runtime.operator.window;

import io.spry.api.windowing.internal.WindowSlices;
import io.spry.api.windowing.windows.TimeWindow;
import java.io.Serializable;

/**
 * The slice arithmetic of aligned event-time windows: windows of {@code size} starting at {@code
 * offset + k * slide} are cut into slices of width {@code gcd(size, slide)}, aligned to the same
 * offset, so every window is a whole number of consecutive slices and every slice lies in the same
 * windows as each of its records. A tumbling window is the case {@code slide = size}: one slice per
 * window.
 *
 * <p>Slices and windows are named by their start. A slice {@code [a, a + width)} lies in the
 * windows whose start is in {@code [a + width - size, a]}, i.e. from {@link #firstWindowStart} to
 * {@link #lastWindowStart} in steps of {@code slide}; when {@code slide > size} a slice in a gap
 * lies in none.
 */
final class Slicing implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;
  private final long width;

  Slicing(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
    this.width = WindowSlices.gcd(size, slide);
  }

  /** The slicing of a sliding or tumbling event-time assigner, or null for any other assigner. */
  static Slicing of(Object assigner) {
    long[] s = WindowSlices.sizeSlideOffset(assigner);
    return s == null ? null : new Slicing(s[0], s[1], s[2]);
  }

  long size() {
    return size;
  }

  long slide() {
    return slide;
  }

  long width() {
    return width;
  }

  /** How many slices make up one window: the most a window firing combines. */
  long slicesPerWindow() {
    return size / width;
  }

  /** The start of the slice that holds {@code timestamp}. */
  long sliceStart(long timestamp) {
    return TimeWindow.getWindowStartWithOffset(timestamp, offset, width);
  }

  /** The start of the last (latest) window that may hold the slice starting at {@code slice}. */
  long lastWindowStart(long slice) {
    return TimeWindow.getWindowStartWithOffset(slice, offset, slide);
  }

  /** Whether the slice is in the window starting at {@link #lastWindowStart} (false in a gap). */
  boolean inAnyWindow(long slice, long lastWindowStart) {
    return slice - lastWindowStart < size;
  }

  /** The start of the first (earliest) window that holds the slice starting at {@code slice}. */
  long firstWindowStart(long slice, long lastWindowStart) {
    long earliest = slice + width - size; // the window must reach the end of the slice
    long steps = Math.floorDiv(lastWindowStart - earliest, slide);
    return lastWindowStart - steps * slide;
  }

  /** The window's last millisecond. */
  long maxTimestamp(long windowStart) {
    return windowStart + size - 1;
  }

  /** The slices of the window that are in no later window: the window's first {@code slide}. */
  long retiringEnd(long windowStart) {
    return windowStart + Math.min(slide, size);
  }

  TimeWindow window(long windowStart) {
    return new TimeWindow(windowStart, windowStart + size);
  }

  @Override
  public String toString() {
    return "slices of " + width + " ms (windows of " + size + " ms every " + slide + " ms)";
  }
}
