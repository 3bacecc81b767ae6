package io.spry.runtime.state.heap;

import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;

final class HeapValueState<T> extends HeapState implements ValueState<T> {
  private final T defaultValue;

  HeapValueState(
      HeapKeyedStateBackend backend, KeyRows rows, boolean namespaced, ValueStateDescriptor<T> d) {
    super(backend, rows, namespaced, d.getTtlConfig());
    this.defaultValue = d.getDefaultValue();
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.VALUE;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T value() {
    Object v = current();
    return v == null ? defaultValue : (T) v;
  }

  @Override
  public void update(T value) {
    if (value == null) {
      clear();
    } else {
      set(value);
    }
  }
}
