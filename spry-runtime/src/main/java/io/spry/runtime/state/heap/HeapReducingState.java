package io.spry.runtime.state.heap;

import io.spry.api.functions.ReduceFunction;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateDescriptor;

final class HeapReducingState<T> extends HeapState implements ReducingState<T> {
  private final ReduceFunction<T> reduce;

  HeapReducingState(
      HeapKeyedStateBackend backend,
      KeyRows rows,
      boolean namespaced,
      ReducingStateDescriptor<T> d) {
    super(backend, rows, namespaced, d.getTtlConfig());
    this.reduce = d.getReduceFunction();
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.REDUCING;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    return (T) current();
  }

  @Override
  @SuppressWarnings("unchecked")
  Object merge(Object a, Object b) throws Exception {
    return reduce.reduce((T) a, (T) b);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(T value) throws Exception {
    T old = (T) current();
    set(old == null ? value : reduce.reduce(old, value));
  }
}
