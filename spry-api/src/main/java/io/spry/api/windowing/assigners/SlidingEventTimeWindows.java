package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/**
 * Windows of {@code size} that start every {@code slide}: overlapping event-time windows: each
 * record belongs to {@code size / slide} windows (or to none when it falls in a gap, if {@code
 * slide > size}).
 */
@Public
public final class SlidingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingEventTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
    String call = "SlidingEventTimeWindows.of(" + size + ", " + slide + ", " + offset + ")";
    long sz = TimeArgs.size(size, call);
    long sl = TimeArgs.slide(slide, call);
    return new SlidingEventTimeWindows(sz, sl, TimeArgs.offset(offset, sl, call));
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    return SlidingWindows.assign(
        TimeArgs.eventTimestamp(timestamp, "SlidingEventTimeWindows"), size, slide, offset);
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

  public long getSlide() {
    return slide;
  }

  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "SlidingEventTimeWindows(" + size + "ms, " + slide + "ms)";
  }
}
