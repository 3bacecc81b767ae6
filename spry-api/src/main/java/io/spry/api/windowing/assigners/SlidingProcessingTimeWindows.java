package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/**
 * Windows of {@code size} that start every {@code slide}: overlapping windows of processing time,
 * by the time at which the operator processes a record.
 */
@Public
public final class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingProcessingTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide, Duration offset) {
    String call = "SlidingProcessingTimeWindows.of(" + size + ", " + slide + ", " + offset + ")";
    long sz = TimeArgs.size(size, call);
    long sl = TimeArgs.slide(slide, call);
    return new SlidingProcessingTimeWindows(sz, sl, TimeArgs.offset(offset, sl, call));
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    return SlidingWindows.assign(context.getCurrentProcessingTime(), size, slide, offset);
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

  public long getSlide() {
    return slide;
  }

  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "SlidingProcessingTimeWindows(" + size + "ms, " + slide + "ms)";
  }
}
