package io.spry.runtime.state.heap;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.StateDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

final class HeapListState<T> extends HeapState implements ListState<T> {

  HeapListState(
      HeapKeyedStateBackend backend,
      StateTable<Object> table,
      boolean namespaced,
      ListStateDescriptor<T> d) {
    super(backend, table, namespaced);
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.LIST;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Iterable<T> get() {
    Object v = current();
    return v == null ? List.of() : (List<T>) v;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(T value) {
    Objects.requireNonNull(value, "ListState does not hold null elements");
    List<T> l = (List<T>) current();
    if (l == null) {
      l = new ArrayList<>();
      set(l);
    }
    l.add(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  Object merge(Object a, Object b) {
    ((List<T>) a).addAll((List<T>) b);
    return a;
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      clear();
      return;
    }
    List<T> copy = new ArrayList<>(values.size());
    for (T t : values) {
      copy.add(Objects.requireNonNull(t, "ListState does not hold null elements"));
    }
    set(copy);
  }

  @Override
  public void addAll(List<T> values) {
    for (T t : values) {
      add(t);
    }
  }
}
