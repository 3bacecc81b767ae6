package io.spry.runtime.state.heap;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

final class HeapListState<T> extends HeapState implements ListState<T> {

  HeapListState(
      HeapKeyedStateBackend backend, KeyRows rows, boolean namespaced, ListStateDescriptor<T> d) {
    super(backend, rows, namespaced, d.getTtlConfig());
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
    boolean refresh = refreshOnRead();
    List<T> live = new ArrayList<>(stored.size());
    for (java.util.ListIterator<Object> it = stored.listIterator(); it.hasNext(); ) {
      TtlValue t = (TtlValue) it.next();
      if (isExpired(t, now)) {
        it.remove(); // the stored list is the task's own (see HeapState)
        continue;
      }
      if (refresh) {
        it.set(new TtlValue(t.value, now));
      }
      live.add((T) t.value);
    }
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
  Object pruneExpired(Object stored, long now) {
    List<Object> l = (List<Object>) stored;
    int expired = 0;
    for (Object o : l) {
      if (isExpired((TtlValue) o, now)) {
        expired++;
      }
    }
    if (expired == 0) {
      return l;
    }
    if (expired == l.size()) {
      return null;
    }
    List<Object> kept = new ArrayList<>(l.size() - expired);
    for (Object o : l) {
      if (!isExpired((TtlValue) o, now)) {
        kept.add(o);
      }
    }
    return kept;
  }

  /** A new list of the elements' copies (the engine adds to lists in place). */
  @Override
  @SuppressWarnings("unchecked")
  Object copyValue(Object stored) {
    List<Object> l = (List<Object>) stored;
    List<Object> c = new ArrayList<>(l.size() + 1);
    for (Object o : l) {
      c.add(hasTtl() ? copyTtl((TtlValue) o) : valueSerializer().copy(o));
    }
    return c;
  }

  /** The value part of a list: each live element as its own part, {@code [lastAccess] element}. */
  @Override
  @SuppressWarnings("unchecked")
  boolean writeValue(Object stored, DataOutputView out, long now, TypeSerializer<Object> values)
      throws IOException {
    MemoryDataOutput o = (MemoryDataOutput) out;
    boolean any = false;
    for (Object e : (List<Object>) stored) {
      if (hasTtl()) {
        TtlValue t = (TtlValue) e;
        if (isExpired(t, now)) {
          continue;
        }
        int mark = KeyedStateSnapshot.beginPart(o);
        o.writeLong(t.timestamp);
        values.serialize(t.value, o);
        KeyedStateSnapshot.endPart(o, mark);
      } else {
        KeyedStateSnapshot.writePart(o, values, e);
      }
      any = true;
    }
    return any;
  }

  @Override
  Object readValue(
      MemoryDataInput in, int end, boolean withTtl, long now, TypeSerializer<Object> reader)
      throws IOException {
    List<Object> l = new ArrayList<>();
    while (in.position() < end) {
      int length = in.readInt();
      int elementEnd = in.position() + length;
      long ts = withTtl ? in.readLong() : now;
      Object v = reader.deserialize(in);
      checkConsumed(in, elementEnd);
      l.add(hasTtl() ? new TtlValue(v, ts) : v);
    }
    return l;
  }

  @Override
  @SuppressWarnings("unchecked")
  Object combineRestored(Object existing, Object restored) {
    ((List<Object>) existing).addAll((List<Object>) restored);
    return existing;
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
