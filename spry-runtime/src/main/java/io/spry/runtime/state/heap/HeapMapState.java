package io.spry.runtime.state.heap;

import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.StateDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class HeapMapState<K, V> extends HeapState implements MapState<K, V> {

  HeapMapState(
      HeapKeyedStateBackend backend,
      StateTable<Object> table,
      boolean namespaced,
      MapStateDescriptor<K, V> d) {
    super(backend, table, namespaced, d.getTtlConfig());
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.MAP;
  }

  /** The stored map: values are {@link TtlValue}s when TTL is on. */
  @SuppressWarnings("unchecked")
  private Map<K, Object> stored() {
    if (hasTtl()) {
      cleanupSomeEntries();
    }
    return (Map<K, Object>) rawCurrent();
  }

  private Map<K, Object> storedForWrite() {
    Map<K, Object> m = stored();
    if (m == null) {
      m = new HashMap<>();
      rawSet(m);
    }
    return m;
  }

  /** The live entries, unwrapped, after removing expired ones (a copy when TTL is on). */
  @SuppressWarnings("unchecked")
  private Map<K, V> live() {
    Map<K, Object> m = stored();
    if (m == null) {
      return null;
    }
    if (!hasTtl()) {
      return (Map<K, V>) (Map<K, ?>) m;
    }
    long now = now();
    Map<K, V> out = new java.util.LinkedHashMap<>();
    m.entrySet()
        .removeIf(
            e -> {
              Object v = live((TtlValue) e.getValue(), now);
              if (v == null) {
                return true;
              }
              out.put(e.getKey(), (V) v);
              return false;
            });
    if (m.isEmpty()) {
      clear();
      return null;
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  boolean pruneExpired(Object stored, long now) {
    Map<K, Object> m = (Map<K, Object>) stored;
    m.values().removeIf(t -> isExpired((TtlValue) t, now));
    return m.isEmpty();
  }

  private io.spry.api.types.TypeSerializer<Object> mapKeySerializer;

  @SuppressWarnings("unchecked")
  private io.spry.api.types.TypeSerializer<Object> mapKeySerializer() {
    if (mapKeySerializer == null) {
      mapKeySerializer =
          (io.spry.api.types.TypeSerializer<Object>)
              ((MapStateDescriptor<?, ?>) descriptor).getKeyType().createSerializer();
    }
    return mapKeySerializer;
  }

  @Override
  @SuppressWarnings("unchecked")
  boolean writeValue(Object stored, io.spry.api.types.DataOutputView out, long now)
      throws java.io.IOException {
    Map<Object, Object> m = (Map<Object, Object>) stored;
    int live = 0;
    for (Object o : m.values()) {
      if (!hasTtl() || !isExpired((TtlValue) o, now)) {
        live++;
      }
    }
    if (live == 0) {
      return false;
    }
    out.writeInt(live);
    for (Map.Entry<Object, Object> e : m.entrySet()) {
      Object o = e.getValue();
      if (hasTtl() && isExpired((TtlValue) o, now)) {
        continue;
      }
      mapKeySerializer().serialize(e.getKey(), out);
      if (hasTtl()) {
        out.writeLong(((TtlValue) o).timestamp);
        valueSerializer().serialize(((TtlValue) o).value, out);
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
    Map<Object, Object> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Object k = mapKeySerializer().deserialize(in);
      long ts = withTtl ? in.readLong() : now;
      Object v = valueSerializer().deserialize(in);
      m.put(k, hasTtl() ? new TtlValue(v, ts) : v);
    }
    return m;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Map<K, Object> m = stored();
    if (m == null) {
      return null;
    }
    Object o = m.get(key);
    if (!hasTtl() || o == null) {
      return (V) o;
    }
    Object v = live((TtlValue) o, now());
    if (v == null) {
      remove(key);
    }
    return (V) v;
  }

  @Override
  public void put(K key, V value) {
    storedForWrite().put(key, hasTtl() ? new TtlValue(value, now()) : value);
  }

  @Override
  public void putAll(Map<K, V> values) {
    Map<K, Object> m = storedForWrite();
    long now = hasTtl() ? now() : 0;
    values.forEach((k, v) -> m.put(k, hasTtl() ? new TtlValue(v, now) : v));
  }

  @Override
  public void remove(K key) {
    Map<K, Object> m = stored();
    if (m != null) {
      m.remove(key);
      if (m.isEmpty()) {
        clear();
      }
    }
  }

  @Override
  public boolean contains(K key) {
    return hasTtl() ? get(key) != null : stored() != null && stored().containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    Map<K, V> m = live();
    return m == null ? List.of() : m.entrySet();
  }

  @Override
  public Iterable<K> keys() {
    Map<K, V> m = live();
    return m == null ? List.of() : m.keySet();
  }

  @Override
  public Iterable<V> values() {
    Map<K, V> m = live();
    return m == null ? List.of() : m.values();
  }

  @Override
  public boolean isEmpty() {
    Map<K, V> m = live();
    return m == null || m.isEmpty();
  }
}
