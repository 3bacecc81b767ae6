package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/**
 * Sessions in event time: a record at {@code t} opens the window {@code [t, t + gap)}, and windows
 * of a key that overlap or touch merge. So a session ends after a gap without records. Records
 * exactly {@code gap} apart are in one session.
 */
@Public
public final class EventTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private EventTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static EventTimeSessionWindows withGap(Duration gap) {
    return new EventTimeSessionWindows(
        TimeArgs.gap(gap, "EventTimeSessionWindows.withGap(" + gap + ")"));
  }

  /**
   * Sessions whose gap depends on the record, e.g. {@code withDynamicGap(e -> e.timeoutMillis())}.
   */
  public static <T> DynamicEventTimeSessionWindows<T> withDynamicGap(
      SessionWindowTimeGapExtractor<T> extractor) {
    return new DynamicEventTimeSessionWindows<>(extractor);
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    return SessionWindows.window(
        TimeArgs.eventTimestamp(timestamp, "EventTimeSessionWindows"),
        gap,
        "EventTimeSessionWindows");
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    SessionWindows.merge(windows, callback);
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  public long getGap() {
    return gap;
  }

  @Override
  public String toString() {
    return "EventTimeSessionWindows(" + gap + "ms)";
  }
}
