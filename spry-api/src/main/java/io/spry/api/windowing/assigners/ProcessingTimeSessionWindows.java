package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/**
 * Sessions in processing time (the time at which the operator processes each record): a record at
 * {@code t} opens the window {@code [t, t + gap)}, and windows of a key that overlap or touch
 * merge. So a session ends after a gap without records. Records exactly {@code gap} apart are in
 * one session.
 */
@Public
public final class ProcessingTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private ProcessingTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static ProcessingTimeSessionWindows withGap(Duration gap) {
    return new ProcessingTimeSessionWindows(
        TimeArgs.gap(gap, "ProcessingTimeSessionWindows.withGap(" + gap + ")"));
  }

  /**
   * Sessions whose gap depends on the record, e.g. {@code withDynamicGap(e -> e.timeoutMillis())}.
   */
  public static <T> DynamicProcessingTimeSessionWindows<T> withDynamicGap(
      SessionWindowTimeGapExtractor<T> extractor) {
    return new DynamicProcessingTimeSessionWindows<>(extractor);
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    return SessionWindows.window(
        context.getCurrentProcessingTime(), gap, "ProcessingTimeSessionWindows");
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    SessionWindows.merge(windows, callback);
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return ProcessingTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  public long getGap() {
    return gap;
  }

  @Override
  public String toString() {
    return "ProcessingTimeSessionWindows(" + gap + "ms)";
  }
}
