package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fixed-size, non-overlapping windows of processing time: a record goes to the window that contains
 * the time at which the operator processes it.
 */
@Public
public final class TumblingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingProcessingTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  public static TumblingProcessingTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
    String call = "TumblingProcessingTimeWindows.of(" + size + ", " + offset + ")";
    long s = TimeArgs.size(size, call);
    return new TumblingProcessingTimeWindows(s, TimeArgs.offset(offset, s, call));
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    long now = context.getCurrentProcessingTime();
    long start = TimeWindow.getWindowStartWithOffset(now, offset, size);
    return List.of(new TimeWindow(start, start + size));
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return ProcessingTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  public long getSize() {
    return size;
  }

  @Override
  public String toString() {
    return "TumblingProcessingTimeWindows(" + size + "ms)";
  }
}
