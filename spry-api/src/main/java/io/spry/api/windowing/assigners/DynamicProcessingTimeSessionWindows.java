package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.TimeWindow;
import java.util.Collection;
import java.util.Objects;

/**
 * Sessions in processing time (the time at which the operator processes each record) whose gap
 * comes from each record: a record at {@code t} opens {@code [t, t + extractor.extract(record))},
 * and overlapping or touching windows merge.
 */
@Public
public final class DynamicProcessingTimeSessionWindows<T>
    extends MergingWindowAssigner<T, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final SessionWindowTimeGapExtractor<T> extractor;

  DynamicProcessingTimeSessionWindows(SessionWindowTimeGapExtractor<T> extractor) {
    this.extractor = Objects.requireNonNull(extractor, "gap extractor");
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      T element, long timestamp, WindowAssignerContext context) {
    return SessionWindows.window(
        context.getCurrentProcessingTime(),
        extractor.extract(element),
        "DynamicProcessingTimeSessionWindows");
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    SessionWindows.merge(windows, callback);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<T, TimeWindow> getDefaultTrigger() {
    return (Trigger) ProcessingTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "DynamicProcessingTimeSessionWindows()";
  }
}
