package io.spry.runtime.state.heap;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.runtime.state.NamespacedState;
import java.util.Collection;
import java.util.HashMap;

/**
 * Common base of the heap state handles: a table and the backend's current key, and for namespaced
 * states the current namespace. A namespaced table maps each key to a small map from namespace to
 * value, so a key's windows are found together and a key disappears with its last window.
 */
abstract class HeapState implements State, NamespacedState {
  final HeapKeyedStateBackend backend;
  final StateTable<Object> table;
  private final boolean namespaced;
  private Object namespace;

  /** Time to live in ms, or 0 when values never expire. */
  final long ttlMillis;

  private final boolean refreshOnRead;
  private final int cleanupPerAccess;

  HeapState(HeapKeyedStateBackend backend, StateTable<Object> table, boolean namespaced) {
    this(backend, table, namespaced, null);
  }

  HeapState(
      HeapKeyedStateBackend backend,
      StateTable<Object> table,
      boolean namespaced,
      StateTtlConfig ttl) {
    this.backend = backend;
    this.table = table;
    this.namespaced = namespaced;
    if (ttl != null && namespaced) {
      throw new IllegalArgumentException(
          "Time to live is not supported for window state; clear it with the window instead");
    }
    this.ttlMillis = ttl == null ? 0 : ttl.getTtl().toMillis();
    this.refreshOnRead =
        ttl != null && ttl.getUpdateType() == StateTtlConfig.UpdateType.ON_READ_AND_WRITE;
    this.cleanupPerAccess = ttl == null ? 0 : ttl.getCleanupEntriesPerAccess();
  }

  // ---- snapshots ----

  /** The descriptor the state was created from (set by the backend). */
  StateDescriptor<?, ?> descriptor;

  private io.spry.api.types.TypeSerializer<Object> valueSerializer;

  /** The serializer of the descriptor's type, made when first needed (snapshots only). */
  @SuppressWarnings("unchecked")
  final io.spry.api.types.TypeSerializer<Object> valueSerializer() {
    if (valueSerializer == null) {
      valueSerializer =
          (io.spry.api.types.TypeSerializer<Object>) descriptor.getType().createSerializer();
    }
    return valueSerializer;
  }

  /**
   * Writes the value part of a stored (non-namespaced) entry; returns false, having written
   * nothing, when it has expired entirely. The default is for single values.
   */
  boolean writeValue(Object stored, io.spry.api.types.DataOutputView out, long now)
      throws java.io.IOException {
    if (hasTtl()) {
      TtlValue t = (TtlValue) stored;
      if (isExpired(t, now)) {
        return false;
      }
      out.writeLong(t.timestamp);
      valueSerializer().serialize(t.value, out);
    } else {
      valueSerializer().serialize(stored, out);
    }
    return true;
  }

  /**
   * Reads what {@link #writeValue} wrote, in the stored form this state uses now.
   *
   * @param withTtl whether the snapshot's state had a time to live (timestamps were written)
   */
  Object readValue(io.spry.api.types.DataInputView in, boolean withTtl, long now)
      throws java.io.IOException {
    long ts = withTtl ? in.readLong() : now;
    Object v = valueSerializer().deserialize(in);
    return hasTtl() ? new TtlValue(v, ts) : v;
  }

  // ---- time to live ----

  final boolean hasTtl() {
    return ttlMillis > 0;
  }

  final long now() {
    return backend.clock().millis();
  }

  final boolean isExpired(TtlValue t, long now) {
    return now - t.timestamp >= ttlMillis;
  }

  /** The live value of a TTL wrapper (refreshing it if reads refresh), or null if expired. */
  final Object live(TtlValue t, long now) {
    if (t == null || isExpired(t, now)) {
      return null;
    }
    if (refreshOnRead) {
      t.timestamp = now;
    }
    return t.value;
  }

  /**
   * Removes what has expired inside a stored entry (list elements, map entries); true when the
   * whole entry has expired. The default is for single values.
   */
  boolean pruneExpired(Object stored, long now) {
    return isExpired((TtlValue) stored, now);
  }

  /** Incremental cleanup: examines a few other entries on each access of a TTL state. */
  final void cleanupSomeEntries() {
    if (cleanupPerAccess > 0) {
      long now = now();
      table.cleanupStep(cleanupPerAccess, v -> pruneExpired(v, now));
    }
  }

  abstract StateDescriptor.Kind kind();

  StateTable<Object> table() {
    return table;
  }

  boolean isNamespaced() {
    return namespaced;
  }

  @Override
  public final void setCurrentNamespace(Object namespace) {
    if (!namespaced) {
      throw new IllegalStateException("This state is not namespaced");
    }
    this.namespace = namespace;
  }

  @SuppressWarnings("unchecked")
  private HashMap<Object, Object> namespaces(boolean create) {
    HashMap<Object, Object> m =
        (HashMap<Object, Object>) table.get(backend.keyGroup(), backend.key());
    if (m == null && create) {
      m = new HashMap<>(4);
      table.put(backend.keyGroup(), backend.key(), m);
    }
    return m;
  }

  /** The current value, unwrapped from its time to live (null when expired). */
  final Object current() {
    if (ttlMillis > 0) {
      cleanupSomeEntries();
      Object stored = table.get(backend.keyGroup(), backend.key());
      if (stored == null) {
        return null;
      }
      Object v = live((TtlValue) stored, now());
      if (v == null) {
        table.remove(backend.keyGroup(), backend.key());
      }
      return v;
    }
    return rawCurrent();
  }

  /** The stored object as it is (a TTL wrapper, a list of wrappers, ... when TTL is on). */
  final Object rawCurrent() {
    if (!namespaced) {
      return table.get(backend.keyGroup(), backend.key());
    }
    HashMap<Object, Object> m = namespaces(false);
    return m == null ? null : m.get(namespace);
  }

  /** Stores a value, wrapped with the current time when TTL is on. */
  final void set(Object value) {
    if (ttlMillis > 0) {
      table.put(backend.keyGroup(), backend.key(), new TtlValue(value, now()));
      return;
    }
    rawSet(value);
  }

  /** Stores the object as it is. */
  final void rawSet(Object value) {
    if (!namespaced) {
      table.put(backend.keyGroup(), backend.key(), value);
    } else {
      namespaces(true).put(namespace, value);
    }
  }

  @Override
  public void clear() {
    if (!namespaced) {
      table.remove(backend.keyGroup(), backend.key());
      return;
    }
    HashMap<Object, Object> m = namespaces(false);
    if (m != null) {
      m.remove(namespace);
      if (m.isEmpty()) {
        table.remove(backend.keyGroup(), backend.key());
      }
    }
  }

  @Override
  public final void mergeNamespaces(Object target, Collection<?> sources) throws Exception {
    HashMap<Object, Object> m = namespaces(false);
    if (m == null) {
      return;
    }
    Object merged = m.get(target);
    for (Object source : sources) {
      if (source.equals(target)) {
        continue;
      }
      Object v = m.remove(source);
      if (v != null) {
        merged = merged == null ? v : merge(merged, v);
      }
    }
    if (merged != null) {
      m.put(target, merged);
    }
  }

  /** Combines two values of this state (for merging windows). */
  Object merge(Object a, Object b) throws Exception {
    throw new UnsupportedOperationException(
        kind()
            + " state cannot be merged; merging windows need list, reducing or aggregating state");
  }

  /** The number of (key, namespace) values. */
  @SuppressWarnings("unchecked")
  int namespacedEntries() {
    int[] n = {0};
    table.forEachValue(v -> n[0] += ((HashMap<Object, Object>) v).size());
    return n[0];
  }
}
