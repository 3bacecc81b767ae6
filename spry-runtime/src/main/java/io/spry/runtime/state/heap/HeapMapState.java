package io.spry.runtime.state.heap;

import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyedStateSnapshot;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class HeapMapState<K, V> extends HeapState implements MapState<K, V> {

  HeapMapState(
      HeapKeyedStateBackend backend, KeyRows rows, boolean namespaced, MapStateDescriptor<K, V> d) {
    super(backend, rows, namespaced, d.getTtlConfig());
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
    boolean refresh = refreshOnRead();
    Map<K, V> out = new java.util.LinkedHashMap<>();
    // the stored map is the task's own (see HeapState): change it in place
    for (java.util.Iterator<Map.Entry<K, Object>> it = m.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<K, Object> e = it.next();
      TtlValue t = (TtlValue) e.getValue();
      if (isExpired(t, now)) {
        it.remove();
        continue;
      }
      if (refresh) {
        e.setValue(new TtlValue(t.value, now));
      }
      out.put(e.getKey(), (V) t.value);
    }
    if (m.isEmpty()) {
      clear();
      return null;
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  Object pruneExpired(Object stored, long now) {
    Map<K, Object> m = (Map<K, Object>) stored;
    int expired = 0;
    for (Object t : m.values()) {
      if (isExpired((TtlValue) t, now)) {
        expired++;
      }
    }
    if (expired == 0) {
      return m;
    }
    if (expired == m.size()) {
      return null;
    }
    Map<K, Object> kept = new HashMap<>();
    m.forEach(
        (k, t) -> {
          if (!isExpired((TtlValue) t, now)) {
            kept.put(k, t);
          }
        });
    return kept;
  }

  /** A new map of the values' copies (map keys are immutable, as in any hash map). */
  @Override
  @SuppressWarnings("unchecked")
  Object copyValue(Object stored) {
    Map<Object, Object> m = (Map<Object, Object>) stored;
    Map<Object, Object> c = new HashMap<>(Math.max(16, m.size() * 2));
    for (Map.Entry<Object, Object> e : m.entrySet()) {
      Object v = e.getValue();
      c.put(e.getKey(), hasTtl() ? copyTtl((TtlValue) v) : valueSerializer().copy(v));
    }
    return c;
  }

  /** One entry per live map entry: key, [namespace], map key, {@code [lastAccess] value}. */
  @Override
  @SuppressWarnings("unchecked")
  void writeEntries(
      Object key,
      Object namespace,
      Object stored,
      KeyedStateSnapshot.Writer w,
      long now,
      TypeSerializer<Object> keys,
      Serializers ser)
      throws IOException {
    for (Map.Entry<Object, Object> e : ((Map<Object, Object>) stored).entrySet()) {
      Object o = e.getValue();
      if (hasTtl() && isExpired((TtlValue) o, now)) {
        continue;
      }
      MemoryDataOutput out = w.entry();
      writeKeyAndNamespace(key, namespace, out, keys, ser);
      KeyedStateSnapshot.writePart(out, ser.mapKey, e.getKey());
      int mark = KeyedStateSnapshot.beginPart(out);
      if (hasTtl()) {
        out.writeLong(((TtlValue) o).timestamp);
        ser.value.serialize(((TtlValue) o).value, out);
      } else {
        ser.value.serialize(o, out);
      }
      KeyedStateSnapshot.endPart(out, mark);
    }
  }

  @Override
  TypeInfo<?> mapKeyType() {
    return ((MapStateDescriptor<?, ?>) descriptor).getKeyType();
  }

  @Override
  @SuppressWarnings("unchecked")
  void restoreEntry(
      int keyGroup,
      Object key,
      Object namespace,
      MemoryDataInput in,
      boolean withTtl,
      long now,
      StateSchema.Readers readers)
      throws IOException {
    Object mapKey =
        KeyedStateSnapshot.readPart(in, readers.mapKey(), "a map key of " + descriptor.getName());
    int length = in.readInt();
    int end = in.position() + length;
    long ts = withTtl ? in.readLong() : now;
    Object v = readers.value().deserialize(in);
    checkConsumed(in, end);
    Map<Object, Object> m = (Map<Object, Object>) storedAt(keyGroup, key, namespace);
    if (m == null) {
      m = new HashMap<>();
      putAt(keyGroup, key, namespace, m);
    }
    m.put(mapKey, hasTtl() ? new TtlValue(v, ts) : v);
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
    TtlValue t = (TtlValue) o;
    long now = now();
    if (isExpired(t, now)) {
      remove(key);
      return null;
    }
    if (refreshOnRead()) {
      m.put(key, new TtlValue(t.value, now)); // m is the task's own (see HeapState)
    }
    return (V) t.value;
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
