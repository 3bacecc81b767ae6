package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fixed-size, non-overlapping event-time windows {@code [offset + k * size, offset + (k + 1) *
 * size)}: each record belongs to exactly one. {@code of(Duration.ofHours(1),
 * Duration.ofMinutes(15))} gives hourly windows that start at a quarter past.
 */
@Public
public final class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingEventTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  public static TumblingEventTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  public static TumblingEventTimeWindows of(Duration size, Duration offset) {
    String call = "TumblingEventTimeWindows.of(" + size + ", " + offset + ")";
    long s = TimeArgs.size(size, call);
    return new TumblingEventTimeWindows(s, TimeArgs.offset(offset, s, call));
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    long start =
        TimeWindow.getWindowStartWithOffset(
            TimeArgs.eventTimestamp(timestamp, "TumblingEventTimeWindows"), offset, size);
    return List.of(new TimeWindow(start, start + size));
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  public long getSize() {
    return size;
  }

  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "TumblingEventTimeWindows(" + size + "ms)";
  }
}
