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
    super(backend, table, namespaced);
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.MAP;
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> map() {
    return (Map<K, V>) current();
  }

  private Map<K, V> mapForWrite() {
    Map<K, V> m = map();
    if (m == null) {
      m = new HashMap<>();
      set(m);
    }
    return m;
  }

  @Override
  public V get(K key) {
    Map<K, V> m = map();
    return m == null ? null : m.get(key);
  }

  @Override
  public void put(K key, V value) {
    mapForWrite().put(key, value);
  }

  @Override
  public void putAll(Map<K, V> values) {
    mapForWrite().putAll(values);
  }

  @Override
  public void remove(K key) {
    Map<K, V> m = map();
    if (m != null) {
      m.remove(key);
      if (m.isEmpty()) {
        clear();
      }
    }
  }

  @Override
  public boolean contains(K key) {
    Map<K, V> m = map();
    return m != null && m.containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    Map<K, V> m = map();
    return m == null ? List.of() : m.entrySet();
  }

  @Override
  public Iterable<K> keys() {
    Map<K, V> m = map();
    return m == null ? List.of() : m.keySet();
  }

  @Override
  public Iterable<V> values() {
    Map<K, V> m = map();
    return m == null ? List.of() : m.values();
  }

  @Override
  public boolean isEmpty() {
    Map<K, V> m = map();
    return m == null || m.isEmpty();
  }
}
