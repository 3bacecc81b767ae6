package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.windowing.windows.Window;
import java.io.Serializable;

/**
 * Decides when a window is evaluated ({@link TriggerResult#FIRE}) and when its contents are dropped
 * ({@link TriggerResult#PURGE}). It is called for every record added to a window and when one of
 * the timers it registered fires. Each subtask has its own copy: keep per-window facts in {@link
 * TriggerContext#getPartitionedState partitioned state}, never in fields.
 *
 * <p>A trigger that sets timers or keeps state must undo that in {@link #clear}, which runs when
 * the window is removed.
 *
 * @param <T> the type of records
 * @param <W> the type of windows
 */
@Public
public abstract class Trigger<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A record was added to {@code window}. */
  public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx)
      throws Exception;

  /** A processing-time timer this trigger registered for {@code window} fired. */
  public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx)
      throws Exception;

  /** An event-time timer this trigger registered for {@code window} fired. */
  public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx)
      throws Exception;

  /** Whether the trigger supports merging windows (session windows need it). */
  public boolean canMerge() {
    return false;
  }

  /**
   * Windows were merged into {@code window}: merge their state ({@link
   * OnMergeContext#mergePartitionedState}) and register the timers {@code window} needs. The merged
   * windows are {@link #clear cleared} afterwards.
   */
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot merge windows");
  }

  /** The window is removed: delete its timers and clear its state. */
  public abstract void clear(W window, TriggerContext ctx) throws Exception;

  /** What a trigger may use, scoped to the current key and window. */
  public interface TriggerContext {
    long getCurrentProcessingTime();

    long getCurrentWatermark();

    /** Calls {@link #onProcessingTime} for this window when the clock reaches {@code time}. */
    void registerProcessingTimeTimer(long time);

    /** Calls {@link #onEventTime} for this window when the watermark reaches {@code time}. */
    void registerEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    /** State of this trigger for the current key and window. */
    <S extends State> S getPartitionedState(StateDescriptor<S, ?> stateDescriptor);
  }

  /** The context of {@link #onMerge}. */
  public interface OnMergeContext extends TriggerContext {
    /** Merges the named state of the merged windows into the resulting window. */
    <S extends State> void mergePartitionedState(StateDescriptor<S, ?> stateDescriptor)
        throws Exception;
  }
}
