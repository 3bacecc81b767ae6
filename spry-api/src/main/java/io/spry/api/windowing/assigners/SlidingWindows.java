package io.spry.api.windowing.assigners;

import io.spry.api.windowing.windows.TimeWindow;
import java.util.ArrayList;
import java.util.List;

/** The window arithmetic of the sliding assigners. */
final class SlidingWindows {
  private SlidingWindows() {}

  /**
   * The windows {@code [start, start + size)} with {@code start = offset + k * slide} that contain
   * {@code time}, latest first. Empty when {@code slide > size} and {@code time} falls in a gap.
   */
  static List<TimeWindow> assign(long time, long size, long slide, long offset) {
    long lastStart = TimeWindow.getWindowStartWithOffset(time, offset, slide);
    List<TimeWindow> windows = new ArrayList<>((int) ((size + slide - 1) / slide));
    for (long start = lastStart; start > time - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
  }
}
