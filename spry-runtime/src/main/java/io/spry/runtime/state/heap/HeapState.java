package io.spry.runtime.state.heap;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyedStateSnapshot;
import io.spry.runtime.state.NamespacedState;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.util.Collection;

/**
 * Common base of the heap state handles: a table and the backend's current key, and for namespaced
 * states the current namespace. A namespaced table maps each key to its {@link Namespaces}
 * (namespace to value, one or two in fields, more in a hash map), so a key's windows are found
 * together and a key disappears with its last window.
 *
 * <p>Snapshots are copy on write (see {@link KeyRows}): what the table hands out may be changed in
 * place, because a value a live snapshot shares is first replaced by {@link #copyStored}'s copy. So
 * the handles change their lists, maps and accumulators in place as before; {@link TtlValue}s are
 * immutable (refreshing one replaces it). The snapshot's writer, on another thread, reads only what
 * a capture holds, with its own serializers ({@link Serializers}).
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

  HeapState(HeapKeyedStateBackend backend, KeyRows rows, boolean namespaced, StateTtlConfig ttl) {
    this.backend = backend;
    this.table = new StateTable<>(rows, this::copyStored);
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

  /** The namespace type of a namespaced state (set by the backend), else null. */
  TypeInfo<?> namespaceType;

  private TypeSerializer<Object> valueSerializer;
  private TypeSerializer<Object> namespaceSerializer;

  /** The serializer of the descriptor's type, made when first needed (snapshots only). */
  @SuppressWarnings("unchecked")
  final TypeSerializer<Object> valueSerializer() {
    if (valueSerializer == null) {
      valueSerializer = (TypeSerializer<Object>) descriptor.getType().createSerializer();
    }
    return valueSerializer;
  }

  private StateSchema schema;

  /** The schema of this state's types as snapshots record it, made when first needed. */
  final StateSchema schema() {
    if (schema == null) {
      schema = StateSchema.of(descriptor);
    }
    return schema;
  }

  /** The map key type of a map state, else null. */
  TypeInfo<?> mapKeyType() {
    return null;
  }

  /**
   * Readers of values (and map keys) a snapshot wrote with {@code written}, as this state's types.
   */
  final StateSchema.Readers readers(StateSchema written) {
    return StateSchema.readers(
        written, "State '" + descriptor.getName() + "'", descriptor.getType(), mapKeyType());
  }

  /** The serializer of the namespace type, made when first needed (snapshots only). */
  @SuppressWarnings("unchecked")
  final TypeSerializer<Object> namespaceSerializer() {
    if (namespaceSerializer == null) {
      namespaceSerializer = (TypeSerializer<Object>) namespaceType.createSerializer();
    }
    return namespaceSerializer;
  }

  /**
   * Serializers for one snapshot's writer, apart from the task's (serializers are not thread-safe):
   * made on the task's thread when a snapshot is captured, so a type that cannot be serialized
   * fails the snapshot there, and used by the thread that writes it.
   */
  static final class Serializers {
    final TypeSerializer<Object> value;
    final TypeSerializer<Object> namespace;
    final TypeSerializer<Object> mapKey;

    Serializers(
        TypeSerializer<Object> value,
        TypeSerializer<Object> namespace,
        TypeSerializer<Object> mapKey) {
      this.value = value;
      this.namespace = namespace;
      this.mapKey = mapKey;
    }
  }

  /** New serializers for a snapshot's writer. */
  @SuppressWarnings("unchecked")
  final Serializers newSerializers() {
    TypeInfo<?> mk = mapKeyType();
    return new Serializers(
        (TypeSerializer<Object>) descriptor.getType().createSerializer(),
        namespaced ? (TypeSerializer<Object>) namespaceType.createSerializer() : null,
        mk == null ? null : (TypeSerializer<Object>) mk.createSerializer());
  }

  /**
   * Writes the entries of one key group's slot array as a capture holds it: key to value, or key to
   * namespace to value. Any thread: reads only what the capture keeps unchanged.
   */
  final void writeKeyGroup(
      KeyRows.Row[] rows,
      KeyedStateSnapshot.Writer w,
      long now,
      TypeSerializer<Object> keys,
      Serializers ser)
      throws IOException {
    KeyRows.forEach(
        rows,
        table.column(),
        (key, value) -> {
          if (!namespaced) {
            writeEntries(key, null, value, w, now, keys, ser);
          } else {
            ((Namespaces) value).forEach((n, v) -> writeEntries(key, n, v, w, now, keys, ser));
          }
        });
  }

  /** Writes the key part and, when namespaced, the namespace part of an entry. */
  final void writeKeyAndNamespace(
      Object key,
      Object namespace,
      MemoryDataOutput out,
      TypeSerializer<Object> keys,
      Serializers ser)
      throws IOException {
    KeyedStateSnapshot.writePart(out, keys, key);
    if (namespaced) {
      KeyedStateSnapshot.writePart(out, ser.namespace, namespace);
    }
  }

  /**
   * Writes the entries of one stored value (of a key, or of a key and namespace). The default
   * writes one entry whose value part is {@link #writeValue}'s, or none when all has expired.
   */
  void writeEntries(
      Object key,
      Object namespace,
      Object stored,
      KeyedStateSnapshot.Writer w,
      long now,
      TypeSerializer<Object> keys,
      Serializers ser)
      throws IOException {
    MemoryDataOutput out = w.output();
    int mark = out.position();
    w.entry();
    writeKeyAndNamespace(key, namespace, out, keys, ser);
    int value = KeyedStateSnapshot.beginPart(out);
    if (writeValue(stored, out, now, ser.value)) {
      KeyedStateSnapshot.endPart(out, value);
    } else {
      w.dropEntry(mark);
    }
  }

  /**
   * Writes the value part of a stored entry; returns false when it has expired entirely (the caller
   * drops what was written). The default is for single values: {@code [lastAccess] value}.
   */
  boolean writeValue(Object stored, DataOutputView out, long now, TypeSerializer<Object> values)
      throws IOException {
    if (hasTtl()) {
      TtlValue t = (TtlValue) stored;
      if (isExpired(t, now)) {
        return false;
      }
      out.writeLong(t.timestamp);
      values.serialize(t.value, out);
    } else {
      values.serialize(stored, out);
    }
    return true;
  }

  // ---- copy on write ----

  /**
   * A deep copy of a stored object of a key, for a value a live snapshot shares and the task is
   * about to hand out: for namespaced states new {@link Namespaces} of copies; else {@link
   * #copyValue}'s. Returns {@code stored} itself when it is immutable.
   */
  final Object copyStored(Object stored) {
    if (!namespaced) {
      return copyValue(stored);
    }
    return ((Namespaces) stored).copy(this::copyValue);
  }

  /**
   * A deep copy of one stored value (of a key, or of a key and namespace), or the value itself when
   * it is immutable. The default is for single values: the serializer's copy, in a new TTL wrapper
   * when that copy is new.
   */
  Object copyValue(Object stored) {
    if (hasTtl()) {
      TtlValue t = (TtlValue) stored;
      Object c = valueSerializer().copy(t.value);
      return c == t.value ? t : new TtlValue(c, t.timestamp);
    }
    return valueSerializer().copy(stored);
  }

  /** A TTL wrapper with a copy of its value (a list's or map's element). */
  final TtlValue copyTtl(TtlValue t) {
    Object c = valueSerializer().copy(t.value);
    return c == t.value ? t : new TtlValue(c, t.timestamp);
  }

  /**
   * Restores one key group's section: the entry count, then the entries; values (and map keys) are
   * read with {@code readers}, which return this state's current types.
   */
  final void restoreKeyGroup(
      int keyGroup, MemoryDataInput in, boolean withTtl, long now, StateSchema.Readers readers)
      throws IOException {
    int count = in.readInt();
    String name = descriptor.getName();
    for (int i = 0; i < count; i++) {
      Object key = KeyedStateSnapshot.readPart(in, backend.keySerializer(), "a key of " + name);
      Object namespace =
          namespaced
              ? KeyedStateSnapshot.readPart(in, namespaceSerializer(), "a namespace of " + name)
              : null;
      restoreEntry(keyGroup, key, namespace, in, withTtl, now, readers);
    }
  }

  /** Restores the rest of an entry (after key and namespace). The default reads a value part. */
  void restoreEntry(
      int keyGroup,
      Object key,
      Object namespace,
      MemoryDataInput in,
      boolean withTtl,
      long now,
      StateSchema.Readers readers)
      throws IOException {
    int length = in.readInt();
    int end = in.position() + length;
    Object value = readValue(in, end, withTtl, now, readers.value());
    checkConsumed(in, end);
    Object existing = storedAt(keyGroup, key, namespace);
    putAt(keyGroup, key, namespace, existing == null ? value : combineRestored(existing, value));
  }

  /**
   * Reads a value part ending at {@code end}, in the stored form this state uses now.
   *
   * @param withTtl whether the snapshot's state had a time to live (timestamps were written)
   * @param reader reads a value (or list element) as written, returning this state's type
   */
  Object readValue(
      MemoryDataInput in, int end, boolean withTtl, long now, TypeSerializer<Object> reader)
      throws IOException {
    long ts = withTtl ? in.readLong() : now;
    Object v = reader.deserialize(in);
    return hasTtl() ? new TtlValue(v, ts) : v;
  }

  /** Two restored values of the same key and namespace: only lists can have them. */
  Object combineRestored(Object existing, Object restored) throws IOException {
    throw new IOException(
        "the snapshot holds two values of one key (and namespace) for a " + kind() + " state");
  }

  final void checkConsumed(MemoryDataInput in, int end) throws IOException {
    if (in.position() != end) {
      throw new IOException(
          "a value of state '"
              + descriptor.getName()
              + "' did not fill its part: its serializer does not read what it wrote, or the type"
              + " changed");
    }
  }

  /** The stored object of a key (and namespace) in a key group, for restoring. */
  final Object storedAt(int keyGroup, Object key, Object namespace) {
    Object v = table.get(keyGroup, key);
    if (!namespaced || v == null) {
      return v;
    }
    return ((Namespaces) v).get(namespace);
  }

  /** Stores an object for a key (and namespace) in a key group, for restoring. */
  final void putAt(int keyGroup, Object key, Object namespace, Object stored) {
    if (!namespaced) {
      table.put(keyGroup, key, stored);
      return;
    }
    Namespaces m = (Namespaces) table.get(keyGroup, key);
    if (m == null) {
      m = new Namespaces();
      table.put(keyGroup, key, m);
    }
    m.put(namespace, stored);
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

  /** Whether reads refresh the last-access time (the caller stores a new wrapper then). */
  final boolean refreshOnRead() {
    return refreshOnRead;
  }

  /**
   * What is left of a stored entry when what has expired goes (list elements, map entries): the
   * entry itself when nothing expired, a new one without the expired parts (never the entry changed
   * in place: a snapshot may share it), or null when all expired. The default is for single values.
   */
  Object pruneExpired(Object stored, long now) {
    return isExpired((TtlValue) stored, now) ? null : stored;
  }

  private int accessesSinceCleanup;

  /**
   * Accesses between two cleanup passes; each pass examines as many entries as they owe. Smaller
   * than RocksDB's (an iterator there costs more than a pass over a few heap rows), so a short
   * burst of accesses still cleans up.
   */
  static final int CLEANUP_EVERY = 16;

  /**
   * Incremental cleanup: on average {@code cleanupEntriesPerAccess} other entries examined per
   * access of a TTL state, done every {@value #CLEANUP_EVERY} accesses in one pass (one clock read
   * per pass, not per access). Reads still check their own value's expiry at every access.
   */
  final void cleanupSomeEntries() {
    if (cleanupPerAccess == 0 || ++accessesSinceCleanup < CLEANUP_EVERY) {
      return;
    }
    accessesSinceCleanup = 0;
    long now = now();
    table.cleanupStep(CLEANUP_EVERY * cleanupPerAccess, v -> pruneExpired(v, now));
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

  /** The current key's namespace map (the caller may change it), made if asked; or null. */
  private Namespaces namespaces(boolean create) {
    Namespaces m = (Namespaces) table.getCurrent();
    if (m == null && create) {
      m = new Namespaces();
      table.setCurrent(m);
    }
    return m;
  }

  @Override
  public final boolean holdsValueCheaply() {
    return ttlMillis == 0; // with time to live, whether a value is there depends on the clock
  }

  @Override
  public final boolean holdsValue() {
    if (ttlMillis > 0) {
      throw new UnsupportedOperationException("A state with time to live cannot tell cheaply");
    }
    return rawCurrent() != null;
  }

  /** The current value, unwrapped from its time to live (null when expired). */
  final Object current() {
    if (ttlMillis > 0) {
      cleanupSomeEntries();
      TtlValue t = (TtlValue) table.getCurrent();
      if (t == null) {
        return null;
      }
      long now = now();
      if (isExpired(t, now)) {
        table.removeCurrent();
        return null;
      }
      if (refreshOnRead) {
        table.setCurrent(new TtlValue(t.value, now));
      }
      return t.value;
    }
    return rawCurrent();
  }

  /**
   * The stored object as it is (a TTL wrapper, a list of wrappers, ... when TTL is on), which the
   * caller may change in place (a value a snapshot shares was copied first).
   */
  final Object rawCurrent() {
    if (!namespaced) {
      return table.getCurrent();
    }
    Namespaces m = namespaces(false);
    return m == null ? null : m.get(namespace);
  }

  /** Stores a value, wrapped with the current time when TTL is on. */
  final void set(Object value) {
    if (ttlMillis > 0) {
      table.setCurrent(new TtlValue(value, now()));
      return;
    }
    rawSet(value);
  }

  /** Stores the object as it is. */
  final void rawSet(Object value) {
    if (!namespaced) {
      table.setCurrent(value);
    } else {
      namespaces(true).put(namespace, value);
    }
  }

  @Override
  public void clear() {
    if (!namespaced) {
      table.removeCurrent();
      return;
    }
    Namespaces m = namespaces(false);
    if (m != null) {
      m.remove(namespace);
      if (m.isEmpty()) {
        table.removeCurrent();
      }
    }
  }

  @Override
  public final void mergeNamespaces(Object target, Collection<?> sources) throws Exception {
    Namespaces m = namespaces(false);
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
  int namespacedEntries() {
    int[] n = {0};
    table.forEachValue(v -> n[0] += ((Namespaces) v).size());
    return n[0];
  }
}
