package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.windowing.internal.DurationChecks;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Fires every {@code interval} of processing time while a window has records, and never later than
 * the end of the window. The first firing is at the end of the interval (aligned to multiples of
 * {@code interval}) in which the window's first record arrived. It does not purge.
 */
@Public
public final class ContinuousProcessingTimeTrigger<W extends Window> extends Trigger<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long interval;
  private final ReducingStateDescriptor<Long> fireTimeDescriptor =
      new ReducingStateDescriptor<>("fire-time", new MinReduce(), Long.class);

  private ContinuousProcessingTimeTrigger(long interval) {
    this.interval = interval;
  }

  public static <W extends Window> ContinuousProcessingTimeTrigger<W> of(Duration interval) {
    return new ContinuousProcessingTimeTrigger<>(
        DurationChecks.positiveMillis(interval, "ContinuousProcessingTimeTrigger.of", "interval"));
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx)
      throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    if (fireTime.get() == null) {
      long now = ctx.getCurrentProcessingTime();
      scheduleNext(now - Math.floorMod(now, interval), window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null && next == time) {
      fireTime.clear();
      scheduleNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  private void scheduleNext(long time, W window, TriggerContext ctx, ReducingState<Long> fireTime)
      throws Exception {
    long next = Math.min(time + interval, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerProcessingTimeTimer(next);
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
      ctx.registerProcessingTimeTimer(next);
    }
  }

  @Override
  public void clear(W window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null) {
      ctx.deleteProcessingTimeTimer(next);
      fireTime.clear();
    }
  }

  @Override
  public String toString() {
    return "ContinuousProcessingTimeTrigger(" + interval + "ms)";
  }
}
