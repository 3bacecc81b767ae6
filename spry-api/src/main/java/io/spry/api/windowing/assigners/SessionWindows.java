package io.spry.api.windowing.assigners;

import io.spry.api.windowing.windows.TimeWindow;
import java.util.Collection;
import java.util.List;

/** What the session assigners share. */
final class SessionWindows {
  private SessionWindows() {}

  static List<TimeWindow> window(long time, long gap, String assigner) {
    if (gap <= 0) {
      throw new IllegalArgumentException(
          assigner + ": the session gap must be at least 1 ms, the gap extractor returned " + gap);
    }
    return List.of(new TimeWindow(time, time + gap));
  }

  static void merge(
      Collection<TimeWindow> windows, MergingWindowAssigner.MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, callback::merge);
  }
}
