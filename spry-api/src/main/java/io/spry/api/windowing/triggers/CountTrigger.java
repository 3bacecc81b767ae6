package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.windowing.windows.Window;

/**
 * Fires each time a window has received {@code maxCount} more records (and starts counting again).
 * It does not purge: wrap it in {@link PurgingTrigger} for tumbling counts.
 */
@Public
public final class CountTrigger<W extends Window> extends Trigger<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long maxCount;
  private final ReducingStateDescriptor<Long> countDescriptor =
      new ReducingStateDescriptor<>("count", new Sum(), Long.class);

  private CountTrigger(long maxCount) {
    if (maxCount < 1) {
      throw new IllegalArgumentException(
          "CountTrigger.of(" + maxCount + "): the count must be at least 1");
    }
    this.maxCount = maxCount;
  }

  public static <W extends Window> CountTrigger<W> of(long maxCount) {
    return new CountTrigger<>(maxCount);
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx)
      throws Exception {
    ReducingState<Long> count = ctx.getPartitionedState(countDescriptor);
    count.add(1L);
    if (count.get() >= maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  /** Adds up the merged windows' counts; the sum fires with the next record if it is reached. */
  @Override
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    ctx.mergePartitionedState(countDescriptor);
  }

  @Override
  public void clear(W window, TriggerContext ctx) {
    ctx.getPartitionedState(countDescriptor).clear();
  }

  @Override
  public String toString() {
    return "CountTrigger(" + maxCount + ")";
  }

  private static final class Sum implements ReduceFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long reduce(Long a, Long b) {
      return a + b;
    }
  }
}
