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
