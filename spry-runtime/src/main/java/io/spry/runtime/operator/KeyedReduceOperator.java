package io.spry.runtime.operator;

import io.spry.api.functions.ReduceFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;

/**
 * {@code keyBy(...).reduce(...)} and the rolling aggregations: keeps the key's result in keyed
 * state and emits the new result for every record.
 */
public final class KeyedReduceOperator<T> extends UdfOperator<ReduceFunction<T>, T>
    implements OneInputOperator<T> {
  private final TypeInfo<T> type;
  private ValueState<T> state;

  public KeyedReduceOperator(ReduceFunction<T> function, TypeInfo<T> type) {
    super(function);
    this.type = type;
  }

  @Override
  public void open() throws Exception {
    super.open();
    state = context.keyedBackend().getOrCreateState(new ValueStateDescriptor<>("_reduce", type));
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    T old = state.value();
    T result = old == null ? value : function.reduce(old, value);
    state.update(result);
    output.collect(result, timestamp);
  }
}
