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
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.state.KeyedStateBackend;

/** The plain keyed state of a window function: per key, shared by all the key's windows. */
final class GlobalStateStore implements KeyedStateStore {
  private final KeyedStateBackend backend;

  GlobalStateStore(KeyedStateBackend backend) {
    this.backend = backend;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return backend.getOrCreateState(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return backend.getOrCreateState(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return backend.getOrCreateState(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return backend.getOrCreateState(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return backend.getOrCreateState(descriptor);
  }
}
