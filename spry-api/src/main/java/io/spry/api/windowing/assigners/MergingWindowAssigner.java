package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.windows.Window;
import java.util.Collection;

/**
 * An assigner whose windows can merge, like sessions: after each record the key's windows are
 * merged, and so are their contents and trigger state.
 */
@Public
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  private static final long serialVersionUID = 1L;

  /** Reports each group of {@code windows} that merges into one window. */
  public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback);

  /** Receives a group of windows and the window they merge into. */
  @FunctionalInterface
  public interface MergeCallback<W> {
    void merge(Collection<W> toBeMerged, W mergeResult);
  }
}
