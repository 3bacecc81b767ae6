package io.spry.api.state;

import io.spry.api.annotation.Public;

/**
 * Where a function gets keyed state handles. In a window function there are two: per key and window
 * ({@code context.windowState()}) and per key across windows ({@code context.globalState()}).
 */
@Public
public interface KeyedStateStore {
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);
}
