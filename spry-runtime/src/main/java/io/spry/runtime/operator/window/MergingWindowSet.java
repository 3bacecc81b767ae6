package io.spry.runtime.operator.window;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.ListTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.MergingWindowAssigner;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.windows.Window;
import io.spry.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The current windows of each key of a merging assigner (sessions), in keyed state. A new window is
 * merged with the key's windows it overlaps; the operator then moves the merged windows' contents
 * and trigger state into the result.
 *
 * <p>Invariant: a key's windows never overlap one another (the assigner merged any that did).
 */
final class MergingWindowSet<W extends Window> {

  /** Called for each group of existing windows that merge into {@code result}. */
  interface MergeFunction<W> {
    /**
     * @param result the window they merge into
     * @param merged the existing windows merged into {@code result}, without {@code result} itself;
     *     never empty
     */
    void merge(W result, Collection<W> merged) throws Exception;
  }

  private final MergingWindowAssigner<?, W> assigner;
  private final ValueState<ArrayList<W>> state;

  @SuppressWarnings({"unchecked", "rawtypes"})
  MergingWindowSet(
      MergingWindowAssigner<?, W> assigner, KeyedStateBackend backend, TypeInfo<W> windowType) {
    this.assigner = assigner;
    // ListTypeInfo deserializes lists as ArrayList
    ValueStateDescriptor<ArrayList<W>> descriptor =
        new ValueStateDescriptor<>(
            WindowSpec.MERGING_WINDOWS_STATE, (TypeInfo) new ListTypeInfo<>(windowType));
    this.state = backend.getOrCreateState(descriptor);
  }

  /** The current key's windows (a new, empty list when it has none); {@link #store} changes. */
  ArrayList<W> load() throws Exception {
    ArrayList<W> windows = state.value();
    return windows == null ? new ArrayList<>(2) : windows;
  }

  void store(ArrayList<W> windows) throws Exception {
    if (windows.isEmpty()) {
      state.clear();
    } else {
      state.update(windows);
    }
  }

  /** Whether {@code window} is one of the current key's windows. */
  boolean contains(W window) throws Exception {
    ArrayList<W> windows = state.value();
    return windows != null && windows.contains(window);
  }

  /** Forgets one of the current key's windows (it was cleaned up). */
  void retire(W window) throws Exception {
    ArrayList<W> windows = state.value();
    if (windows != null && windows.remove(window)) {
      store(windows);
    }
  }

  /**
   * Adds {@code newWindow} to {@code windows}, merging it with the windows it overlaps, and returns
   * the window it ended up in. {@code onMerge} runs for each merge that involves existing windows
   * (not when the new window merely falls inside one).
   */
  W add(List<W> windows, W newWindow, MergeFunction<W> onMerge) throws Exception {
    if (windows.contains(newWindow)) {
      return newWindow;
    }
    List<W> candidates = new ArrayList<>(windows.size() + 1);
    candidates.addAll(windows);
    candidates.add(newWindow);
    List<Merge<W>> merges = new ArrayList<>(1);
    assigner.mergeWindows(
        candidates, (toMerge, result) -> merges.add(new Merge<>(List.copyOf(toMerge), result)));
    W actual = newWindow;
    boolean placed = false;
    for (Merge<W> m : merges) {
      windows.removeAll(m.windows());
      windows.add(m.result());
      List<W> merged = new ArrayList<>(m.windows().size());
      for (W w : m.windows()) {
        if (w.equals(newWindow)) {
          actual = m.result();
          placed = true;
        } else if (!w.equals(m.result())) {
          merged.add(w);
        }
      }
      if (!merged.isEmpty()) {
        onMerge.merge(m.result(), merged);
      }
    }
    if (!placed) {
      windows.add(newWindow);
    }
    return actual;
  }

  private record Merge<W>(List<W> windows, W result) {}
}
