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
    super(backend, table, namespaced, d.getTtlConfig());
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.LIST;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Iterable<T> get() {
    if (!hasTtl()) {
      Object v = rawCurrent();
      return v == null ? List.of() : (List<T>) v;
    }
    cleanupSomeEntries();
    List<Object> stored = (List<Object>) rawCurrent();
    if (stored == null) {
      return List.of();
    }
    long now = now();
    List<T> live = new ArrayList<>(stored.size());
    stored.removeIf(
        o -> {
          Object v = live((TtlValue) o, now);
          if (v == null) {
            return true;
          }
          live.add((T) v);
          return false;
        });
    if (stored.isEmpty()) {
      clear();
      return List.of();
    }
    return live;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(T value) {
    Objects.requireNonNull(value, "ListState does not hold null elements");
    if (hasTtl()) {
      cleanupSomeEntries();
    }
    List<Object> l = (List<Object>) rawCurrent();
    if (l == null) {
      l = new ArrayList<>();
      rawSet(l);
    }
    l.add(hasTtl() ? new TtlValue(value, now()) : value);
  }

  @Override
  @SuppressWarnings("unchecked")
  Object merge(Object a, Object b) {
    ((List<T>) a).addAll((List<T>) b);
    return a;
  }

  @Override
  @SuppressWarnings("unchecked")
  boolean pruneExpired(Object stored, long now) {
    List<Object> l = (List<Object>) stored;
    l.removeIf(o -> isExpired((TtlValue) o, now));
    return l.isEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  boolean writeValue(Object stored, io.spry.api.types.DataOutputView out, long now)
      throws java.io.IOException {
    List<Object> l = (List<Object>) stored;
    int live = 0;
    for (Object o : l) {
      if (!hasTtl() || !isExpired((TtlValue) o, now)) {
        live++;
      }
    }
    if (live == 0) {
      return false;
    }
    out.writeInt(live);
    for (Object o : l) {
      if (hasTtl()) {
        TtlValue t = (TtlValue) o;
        if (!isExpired(t, now)) {
          out.writeLong(t.timestamp);
          valueSerializer().serialize(t.value, out);
        }
      } else {
        valueSerializer().serialize(o, out);
      }
    }
    return true;
  }

  @Override
  Object readValue(io.spry.api.types.DataInputView in, boolean withTtl, long now)
      throws java.io.IOException {
    int n = in.readInt();
    List<Object> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long ts = withTtl ? in.readLong() : now;
      Object v = valueSerializer().deserialize(in);
      l.add(hasTtl() ? new TtlValue(v, ts) : v);
    }
    return l;
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      clear();
      return;
    }
    long now = hasTtl() ? now() : 0;
    List<Object> copy = new ArrayList<>(values.size());
    for (T t : values) {
      Objects.requireNonNull(t, "ListState does not hold null elements");
      copy.add(hasTtl() ? new TtlValue(t, now) : t);
    }
    rawSet(copy);
  }

  @Override
  public void addAll(List<T> values) {
    for (T t : values) {
      add(t);
    }
  }
}
