package io.spry.runtime.operator.window;

import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.NamespacedState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-window state of a window function: namespaced state scoped to the current key and {@link
 * #window}. Remembers the states it handed out, so that the operator can clear them all when the
 * window is removed.
 */
final class PerWindowStateStore implements KeyedStateStore {
  private final KeyedStateBackend backend;
  private final TypeInfo<?> windowType;
  private final Map<String, State> used = new LinkedHashMap<>();
  Object window;

  PerWindowStateStore(KeyedStateBackend backend, TypeInfo<?> windowType) {
    this.backend = backend;
    this.windowType = windowType;
  }

  private <S extends State> S state(StateDescriptor<S, ?> descriptor) {
    S state = backend.getOrCreateNamespacedState(descriptor, windowType);
    ((NamespacedState) state).setCurrentNamespace(window);
    used.putIfAbsent(descriptor.getName(), state);
    return state;
  }

  /** Clears every state handed out so far, for the current key and {@code window}. */
  void clearAll(Object window) {
    if (used.isEmpty()) {
      return; // most window functions keep no per-window state: no iterator per key and window
    }
    for (State s : used.values()) {
      ((NamespacedState) s).setCurrentNamespace(window);
      s.clear();
    }
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return state(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return state(descriptor);
  }
}
