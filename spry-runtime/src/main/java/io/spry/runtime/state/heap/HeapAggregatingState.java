package io.spry.runtime.state.heap;

import io.spry.api.functions.AggregateFunction;
import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.StateDescriptor;

final class HeapAggregatingState<IN, ACC, OUT> extends HeapState
    implements AggregatingState<IN, OUT> {
  private final AggregateFunction<IN, ACC, OUT> function;

  HeapAggregatingState(
      HeapKeyedStateBackend backend,
      KeyRows rows,
      boolean namespaced,
      AggregatingStateDescriptor<IN, ACC, OUT> d) {
    super(backend, rows, namespaced, d.getTtlConfig());
    this.function = d.getAggregateFunction();
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.AGGREGATING;
  }

  @Override
  @SuppressWarnings("unchecked")
  public OUT get() {
    Object acc = current();
    return acc == null ? null : function.getResult((ACC) acc);
  }

  @Override
  @SuppressWarnings("unchecked")
  Object merge(Object a, Object b) {
    return function.merge((ACC) a, (ACC) b);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(IN value) {
    ACC acc = (ACC) current();
    if (acc == null) {
      acc = function.createAccumulator();
    }
    set(function.add(value, acc));
  }
}
