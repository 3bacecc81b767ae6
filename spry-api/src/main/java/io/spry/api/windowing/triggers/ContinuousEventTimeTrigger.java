package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.windowing.internal.DurationChecks;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Fires early every {@code interval} of event time while a window is open, and once more when the
 * watermark passes its end: a running result for long windows. It does not purge, so each firing
 * sees everything so far.
 *
 * <p>The first early firing is at the end of the interval (aligned to multiples of {@code
 * interval}, from the epoch) that contains the window's first record; the next ones follow every
 * {@code interval}, and never later than the end of the window.
 */
@Public
public final class ContinuousEventTimeTrigger<W extends Window> extends Trigger<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long interval;
  private final ReducingStateDescriptor<Long> fireTimeDescriptor =
      new ReducingStateDescriptor<>("fire-time", new MinReduce(), Long.class);

  private ContinuousEventTimeTrigger(long interval) {
    this.interval = interval;
  }

  public static <W extends Window> ContinuousEventTimeTrigger<W> of(Duration interval) {
    return new ContinuousEventTimeTrigger<>(
        DurationChecks.positiveMillis(interval, "ContinuousEventTimeTrigger.of", "interval"));
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx)
      throws Exception {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
      return TriggerResult.FIRE; // a late record within the allowed lateness
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    if (fireTime.get() == null) {
      scheduleNext(timestamp - Math.floorMod(timestamp, interval), window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception {
    if (time == window.maxTimestamp()) {
      return TriggerResult.FIRE;
    }
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null && next == time) {
      fireTime.clear();
      scheduleNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  private void scheduleNext(long time, W window, TriggerContext ctx, ReducingState<Long> fireTime)
      throws Exception {
    long next = Math.min(time + interval, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerEventTimeTimer(next);
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    ctx.mergePartitionedState(fireTimeDescriptor);
    Long next = ctx.getPartitionedState(fireTimeDescriptor).get();
    if (next != null) {
      ctx.registerEventTimeTimer(next);
    }
  }

  @Override
  public void clear(W window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null) {
      ctx.deleteEventTimeTimer(next);
      fireTime.clear();
    }
  }

  @Override
  public String toString() {
    return "ContinuousEventTimeTrigger(" + interval + "ms)";
  }
}
