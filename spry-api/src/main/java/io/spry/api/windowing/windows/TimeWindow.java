package io.spry.api.windowing.windows;

import io.spry.api.annotation.Public;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The time interval {@code [start, end)}: {@code start} inclusive, {@code end} exclusive, so {@link
 * #maxTimestamp()} is {@code end - 1}.
 */
@Public
public final class TimeWindow extends Window {
  private static final long serialVersionUID = 1L;
  private static final Comparator<TimeWindow> BY_START = Comparator.comparingLong(w -> w.start);

  private final long start;
  private final long end;

  public TimeWindow(long start, long end) {
    this.start = start;
    this.end = end;
  }

  /** The first timestamp of the window. */
  public long getStart() {
    return start;
  }

  /** The first timestamp after the window. */
  public long getEnd() {
    return end;
  }

  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  /**
   * Whether the windows overlap <em>or touch</em>: {@code [0, 10)} and {@code [10, 20)} intersect.
   * So session windows whose records are exactly one gap apart merge (as in Flink).
   */
  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /** The smallest window that contains both windows. */
  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /**
   * The start of the window of length {@code windowSize}, shifted by {@code offset}, that contains
   * {@code timestamp}: windows start at {@code offset + k * windowSize} for integers {@code k}.
   * Correct for negative timestamps too.
   */
  public static long getWindowStartWithOffset(long timestamp, long offset, long windowSize) {
    long remainder = (timestamp - offset) % windowSize;
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /** Receives each group of windows that merge into one. */
  @FunctionalInterface
  public interface MergeCallback {
    void merge(Collection<TimeWindow> toBeMerged, TimeWindow mergeResult);
  }

  /**
   * Groups windows that {@linkplain #intersects intersect} (directly or through others) and reports
   * each group of two or more with the window that covers it. Used by session window assigners.
   */
  public static void mergeWindows(Collection<TimeWindow> windows, MergeCallback callback) {
    if (windows.size() < 2) {
      return;
    }
    List<TimeWindow> sorted = new ArrayList<>(windows);
    sorted.sort(BY_START);
    List<TimeWindow> group = new ArrayList<>();
    TimeWindow cover = null;
    for (TimeWindow w : sorted) {
      if (cover != null && cover.intersects(w)) {
        group.add(w);
        cover = cover.cover(w);
      } else {
        report(group, cover, callback);
        group = new ArrayList<>();
        group.add(w);
        cover = w;
      }
    }
    report(group, cover, callback);
  }

  private static void report(List<TimeWindow> group, TimeWindow cover, MergeCallback callback) {
    if (group.size() > 1) {
      callback.merge(group, cover);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "TimeWindow{start=" + start + ", end=" + end + "}";
  }
}
