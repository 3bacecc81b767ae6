package io.spry.api.windowing.assigners;

import io.spry.api.windowing.internal.DurationChecks;
import java.time.Duration;

/** Checks the sizes and offsets of time window assigners. */
final class TimeArgs {
  private TimeArgs() {}

  static long size(Duration size, String call) {
    return DurationChecks.positiveMillis(size, call, "size");
  }

  static long slide(Duration slide, String call) {
    return DurationChecks.positiveMillis(slide, call, "slide");
  }

  static long gap(Duration gap, String call) {
    return DurationChecks.positiveMillis(gap, call, "session gap");
  }

  /** The offset in milliseconds; it shifts windows and must be shorter than {@code period}. */
  static long offset(Duration offset, long period, String call) {
    if (offset == null) {
      throw new IllegalArgumentException(call + ": the offset must not be null");
    }
    long ms = offset.toMillis();
    if (Math.abs(ms) >= period) {
      throw new IllegalArgumentException(
          call
              + ": the offset ("
              + ms
              + " ms) must be shorter than the window's period ("
              + period
              + " ms); an offset of a whole period or more gives the same windows as a smaller one");
    }
    return ms;
  }

  static long eventTimestamp(long timestamp, String assigner) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(
          "A record has no event timestamp, so "
              + assigner
              + " cannot put it into a window. Give the source a WatermarkStrategy with timestamps"
              + " (env.fromSource(source, WatermarkStrategy..., name)) or call"
              + " assignTimestampsAndWatermarks(...) before the window, or use a processing-time"
              + " assigner");
    }
    return timestamp;
  }
}
