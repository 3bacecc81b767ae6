package io.spry.runtime.operator.broadcast;

import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast states of one operator instance: one map per declared descriptor. Every instance
 * sees the same broadcast elements, so the copies agree; the keyed side reads through a read-only
 * view.
 */
final class BroadcastStates {
  private final Map<String, MapBroadcastState<?, ?>> states = new HashMap<>();
  private final String operatorName;

  BroadcastStates(List<MapStateDescriptor<?, ?>> descriptors, String operatorName) {
    this.operatorName = operatorName;
    for (MapStateDescriptor<?, ?> d : descriptors) {
      states.put(d.getName(), new MapBroadcastState<>());
    }
  }

  @SuppressWarnings("unchecked")
  <K, V> BroadcastState<K, V> get(MapStateDescriptor<K, V> d) {
    MapBroadcastState<?, ?> s = states.get(d.getName());
    if (s == null) {
      throw new IllegalArgumentException(
          "Broadcast state '"
              + d.getName()
              + "' of '"
              + operatorName
              + "' was not declared: pass its descriptor to broadcast(...); declared: "
              + states.keySet());
    }
    return (BroadcastState<K, V>) s;
  }

  <K, V> ReadOnlyBroadcastState<K, V> getReadOnly(MapStateDescriptor<K, V> d) {
    return ((MapBroadcastState<K, V>) get(d)).readOnly;
  }

  /** A broadcast state on the heap. */
  static final class MapBroadcastState<K, V> implements BroadcastState<K, V> {
    private final HashMap<K, V> map = new HashMap<>();
    final ReadOnlyBroadcastState<K, V> readOnly =
        new ReadOnlyBroadcastState<>() {
          @Override
          public V get(K key) {
            return map.get(key);
          }

          @Override
          public boolean contains(K key) {
            return map.containsKey(key);
          }

          @Override
          public Iterable<Map.Entry<K, V>> immutableEntries() {
            return Collections.unmodifiableMap(map).entrySet();
          }
        };

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> immutableEntries() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void putAll(Map<K, V> m) {
      map.putAll(m);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return map.entrySet();
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}
