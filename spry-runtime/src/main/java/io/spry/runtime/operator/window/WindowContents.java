package io.spry.runtime.operator.window;

import io.spry.api.state.AppendingState;
import io.spry.api.state.ListState;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.NamespacedState;
import java.util.Collection;
import java.util.Collections;

/**
 * What a window holds, in namespaced keyed state (namespace = window): all its records (list
 * state), one pre-aggregated value (reducing or aggregating state), or its records with their
 * timestamps for an evictor. Scoped to the backend's current key and the window last set.
 *
 * <p>This is the seam for other storage layouts: a sliced layout for sliding windows (each record
 * stored once per slice, not once per window) would be another implementation, chosen by {@link
 * WindowOperators}.
 *
 * @param <IN> the type of records
 * @param <W> the type of windows
 */
abstract class WindowContents<IN, W> {
  final NamespacedState namespaced;

  WindowContents(Object state) {
    this.namespaced = (NamespacedState) state;
  }

  /** Contents for the descriptor's kind, or evicting contents when there is an evictor. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <IN, W> WindowContents<IN, W> create(
      KeyedStateBackend backend,
      StateDescriptor<?, ?> descriptor,
      TypeInfo<W> windowType,
      Evictor<? super IN, ? super W> evictor,
      Evictor.EvictorContext evictorContext) {
    Object state = backend.getOrCreateNamespacedState((StateDescriptor) descriptor, windowType);
    if (evictor != null) {
      return new EvictingContents<>((ListState) state, (Evictor) evictor, evictorContext);
    }
    return switch (descriptor.getKind()) {
      case LIST -> new ListContents<>((ListState<IN>) state);
      case REDUCING, AGGREGATING -> new SingleValueContents<>((AppendingState<IN, ?>) state);
      default ->
          throw new IllegalStateException("Window contents cannot be " + descriptor.getKind());
    };
  }

  final void setWindow(W window) {
    namespaced.setCurrentNamespace(window);
  }

  abstract void add(IN value, long timestamp) throws Exception;

  /**
   * The window function's input for {@code window} (the current window), or null when the window
   * holds nothing and the function must not run.
   */
  abstract Iterable<?> beforeFire(W window) throws Exception;

  /** After the window function ran over {@link #beforeFire}'s input. */
  void afterFire(W window) throws Exception {}

  abstract void clear();

  /** Merges the contents of {@code sources} into {@code target} (merging windows). */
  final void merge(W target, Collection<W> sources) throws Exception {
    namespaced.mergeNamespaces(target, sources);
  }

  /** All records of the window. */
  private static final class ListContents<IN, W> extends WindowContents<IN, W> {
    private final ListState<IN> state;

    ListContents(ListState<IN> state) {
      super(state);
      this.state = state;
    }

    @Override
    void add(IN value, long timestamp) throws Exception {
      state.add(value);
    }

    @Override
    Iterable<?> beforeFire(W window) throws Exception {
      Iterable<IN> records = state.get();
      return records.iterator().hasNext() ? records : null;
    }

    @Override
    void clear() {
      state.clear();
    }
  }

  /** One value: the result of a reduce or aggregate so far. */
  private static final class SingleValueContents<IN, W> extends WindowContents<IN, W> {
    private final AppendingState<IN, ?> state;

    SingleValueContents(AppendingState<IN, ?> state) {
      super(state);
      this.state = state;
    }

    @Override
    void add(IN value, long timestamp) throws Exception {
      state.add(value);
    }

    @Override
    Iterable<?> beforeFire(W window) throws Exception {
      Object result = state.get();
      return result == null ? null : Collections.singletonList(result);
    }

    @Override
    void clear() {
      state.clear();
    }
  }
}
