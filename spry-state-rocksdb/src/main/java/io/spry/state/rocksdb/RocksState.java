package io.spry.state.rocksdb;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyedStateSnapshot;
import io.spry.runtime.state.NamespacedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Common base of the RocksDB state handles: one column family per state, keys {@code keyGroup (2
 * bytes) | key | [namespace] | [map key]}, values in the layout of the neutral snapshot format
 * ({@link KeyedStateSnapshot}): {@code [lastAccess:long] value} for single values and map entries,
 * length-prefixed elements for lists.
 *
 * <p>Hot path: the DB key of the current key (and namespace) is built into a buffer owned by the
 * handle and rebuilt only when the backend's key or the namespace changed; values are serialized
 * into a reused buffer and read into a reused array ({@code RocksDB.get} into a caller's buffer).
 * Reads and writes allocate nothing of their own beyond what the value's serializer allocates. Only
 * the task's thread uses a handle.
 */
abstract class RocksState implements State, NamespacedState {
  final RocksDBKeyedStateBackend backend;
  final StateDescriptor<?, ?> descriptor;
  final ColumnFamilyHandle column;
  final boolean namespaced;
  final TypeSerializer<Object> values;
  private final TypeSerializer<Object> namespaces;

  /** The schema of this state's types, as its column's name tags it (set by the backend). */
  io.spry.runtime.state.StateSchema schema;

  /** Time to live in ms, or 0 when values never expire. */
  final long ttlMillis;

  final boolean refreshOnRead;
  private final int cleanupPerAccess;

  // ---- the DB key of (current key, current namespace) ----

  /** {@code keyGroup | key | [namespace]}, then room for a map key. */
  final MemoryDataOutput dbKey = new MemoryDataOutput(64);

  /** The length of {@code keyGroup | key | [namespace]} in {@link #dbKey}. */
  int prefixLength;

  private long builtForKey = -1;
  private Object builtForNamespace;
  private Object namespace;

  // ---- reused buffers ----

  final MemoryDataOutput valueOut = new MemoryDataOutput(64);
  byte[] readBuffer = new byte[128];
  final MemoryDataInput in = new MemoryDataInput();

  @SuppressWarnings("unchecked")
  RocksState(
      RocksDBKeyedStateBackend backend,
      StateDescriptor<?, ?> descriptor,
      ColumnFamilyHandle column,
      TypeSerializer<?> namespaceSerializer) {
    this.backend = backend;
    this.descriptor = descriptor;
    this.column = column;
    this.namespaced = namespaceSerializer != null;
    this.namespaces = (TypeSerializer<Object>) namespaceSerializer;
    this.values = (TypeSerializer<Object>) descriptor.getType().createSerializer();
    StateTtlConfig ttl = descriptor.getTtlConfig();
    if (ttl != null && namespaced) {
      throw new IllegalArgumentException(
          "Time to live is not supported for window state; clear it with the window instead");
    }
    this.ttlMillis = ttl == null ? 0 : ttl.getTtl().toMillis();
    this.refreshOnRead =
        ttl != null && ttl.getUpdateType() == StateTtlConfig.UpdateType.ON_READ_AND_WRITE;
    this.cleanupPerAccess = ttl == null ? 0 : ttl.getCleanupEntriesPerAccess();
  }

  abstract StateDescriptor.Kind kind();

  /** The serializer of map keys for a map state, else null. */
  TypeSerializer<Object> mapKeySerializer() {
    return null;
  }

  /** The map key type for a map state, else null. */
  io.spry.api.types.TypeInfo<?> mapKeyType() {
    return null;
  }

  final boolean hasTtl() {
    return ttlMillis > 0;
  }

  final long now() {
    return backend.clock().millis();
  }

  final boolean isExpired(long lastAccess, long now) {
    return now - lastAccess >= ttlMillis;
  }

  final String name() {
    return descriptor.getName();
  }

  // ---- keys ----

  @Override
  public final void setCurrentNamespace(Object namespace) {
    if (!namespaced) {
      throw new IllegalStateException("This state is not namespaced");
    }
    this.namespace = namespace;
  }

  /** Builds {@code keyGroup | key | [namespace]} into {@link #dbKey} if stale; its length. */
  final int prefix() {
    long version = backend.keyVersion();
    if (version != builtForKey
        || (namespaced
            && namespace != builtForNamespace
            && (namespace == null || !namespace.equals(builtForNamespace)))) {
      if (namespaced && namespace == null) {
        throw new IllegalStateException("No namespace (window) was set for state '" + name() + "'");
      }
      dbKey.reset();
      backend.writeCurrentKey(dbKey);
      if (namespaced) {
        serializeNamespace(namespace);
        builtForNamespace = namespace;
      }
      prefixLength = dbKey.position();
      builtForKey = version;
    } else {
      dbKey.truncate(prefixLength);
    }
    return prefixLength;
  }

  /** Builds the DB key of the current key and {@code ns} (not the current namespace). */
  final int prefixFor(Object ns) {
    dbKey.reset();
    backend.writeCurrentKey(dbKey);
    serializeNamespace(ns);
    builtForKey = -1; // the current namespace's key must be rebuilt next time
    return dbKey.position();
  }

  private void serializeNamespace(Object ns) {
    try {
      namespaces.serialize(ns, dbKey);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Serializing the namespace " + ns + " of state '" + name() + "' failed", e);
    }
  }

  final void serializeValue(Object value, MemoryDataOutput out) {
    try {
      values.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Serializing a value of state '" + name() + "' failed: " + e.getMessage(), e);
    }
  }

  final Object deserializeValue(byte[] bytes, int offset, int length) {
    in.setBuffer(bytes, offset, length);
    try {
      return values.deserialize(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Deserializing a value of state '" + name() + "' failed: " + e.getMessage(), e);
    }
  }

  // ---- RocksDB access ----

  RocksDB db() {
    return backend.db();
  }

  /** Reads the value of {@link #dbKey}'s first {@code keyLength} bytes; its length, or -1. */
  final int read(int keyLength) {
    try {
      int n =
          db().get(
                  column,
                  backend.readOptions(),
                  dbKey.buffer(),
                  0,
                  keyLength,
                  readBuffer,
                  0,
                  readBuffer.length);
      if (n > readBuffer.length) {
        readBuffer = new byte[Math.max(n, readBuffer.length * 2)];
        n =
            db().get(
                    column,
                    backend.readOptions(),
                    dbKey.buffer(),
                    0,
                    keyLength,
                    readBuffer,
                    0,
                    readBuffer.length);
      }
      return n == RocksDB.NOT_FOUND ? -1 : n;
    } catch (RocksDBException e) {
      throw backend.failure("reading state '" + name() + "'", e);
    }
  }

  final void put(int keyLength, byte[] value, int valueLength) {
    try {
      db().put(column, backend.writeOptions(), dbKey.buffer(), 0, keyLength, value, 0, valueLength);
    } catch (RocksDBException e) {
      throw backend.failure("writing state '" + name() + "'", e);
    }
  }

  final void merge(int keyLength, byte[] value, int valueLength) {
    try {
      db().merge(
              column, backend.writeOptions(), dbKey.buffer(), 0, keyLength, value, 0, valueLength);
    } catch (RocksDBException e) {
      throw backend.failure("writing state '" + name() + "'", e);
    }
  }

  final void delete(int keyLength) {
    try {
      db().delete(column, backend.writeOptions(), dbKey.buffer(), 0, keyLength);
    } catch (RocksDBException e) {
      throw backend.failure("deleting from state '" + name() + "'", e);
    }
  }

  /** Deletes every DB key that starts with the first {@code length} bytes of {@link #dbKey}. */
  final void deletePrefix(int length) {
    byte[] prefix = Arrays.copyOf(dbKey.buffer(), length);
    try (RocksIterator it = db().newIterator(column, backend.readOptions())) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!RocksDBKeyedStateBackend.startsWith(k, prefix, length)) {
          break;
        }
        db().delete(column, backend.writeOptions(), k);
      }
    } catch (RocksDBException e) {
      throw backend.failure("clearing state '" + name() + "'", e);
    }
  }

  @Override
  public void clear() {
    cleanupSomeEntries();
    delete(prefix());
  }

  // ---- merging namespaces ----

  @Override
  public void mergeNamespaces(Object target, Collection<?> sources) throws Exception {
    throw new UnsupportedOperationException(
        kind()
            + " state cannot be merged; merging windows need list, reducing or aggregating state");
  }

  // ---- time to live ----

  private int accessesSinceCleanup;
  private byte[] cleanupCursor;

  /** Accesses between two cleanup passes; each pass examines as many entries as they owe. */
  private static final int CLEANUP_EVERY = 64;

  /**
   * Incremental cleanup: on average {@code cleanupEntriesPerAccess} entries examined per access,
   * done every {@value #CLEANUP_EVERY} accesses in one pass (an iterator costs more than the
   * entries), continuing where the last pass stopped and cycling through the column family.
   */
  final void cleanupSomeEntries() {
    if (cleanupPerAccess == 0 || ++accessesSinceCleanup < CLEANUP_EVERY) {
      return;
    }
    accessesSinceCleanup = 0;
    int budget = CLEANUP_EVERY * cleanupPerAccess;
    long now = now();
    try (RocksIterator it = db().newIterator(column, backend.readOptions())) {
      if (cleanupCursor == null) {
        it.seekToFirst();
      } else {
        it.seek(cleanupCursor);
      }
      boolean wrapped = false;
      for (int examined = 0; examined < budget; examined++) {
        if (!it.isValid()) {
          if (wrapped) {
            break;
          }
          wrapped = true;
          it.seekToFirst();
          if (!it.isValid()) {
            break;
          }
        }
        byte[] key = it.key();
        byte[] value = it.value();
        byte[] live = pruneExpired(value, now);
        if (live == null) {
          db().delete(column, backend.writeOptions(), key);
        } else if (live != value) {
          db().put(column, backend.writeOptions(), key, live);
        }
        it.next();
        cleanupCursor = it.isValid() ? it.key() : null;
      }
    } catch (RocksDBException e) {
      throw backend.failure("cleaning up expired entries of state '" + name() + "'", e);
    }
  }

  /**
   * What remains of a stored value after removing what expired: the value itself when nothing
   * expired, null when everything did. The default is for single values and map entries.
   */
  byte[] pruneExpired(byte[] value, long now) {
    return isExpired(RocksDBKeyedStateBackend.readLong(value, 0), now) ? null : value;
  }

  // ---- for the backend ----

  /** The number of distinct keys that hold a value. */
  final int countKeys() {
    int[] n = {0};
    backend.forEachDistinctKey(this, key -> n[0]++);
    return n[0];
  }

  /** The number of distinct (key, namespace) pairs that hold a value. */
  int countNamespacedEntries() {
    int n = 0;
    byte[] last = null;
    int lastLength = 0;
    try (RocksIterator it = db().newIterator(column, backend.readOptions())) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] k = it.key();
        int length = keyAndNamespaceLength(k);
        if (last == null
            || !RocksDBKeyedStateBackend.startsWith(k, last, lastLength)
            || length != lastLength) {
          n++;
          last = k;
          lastLength = length;
        }
      }
    }
    return n;
  }

  /** The length of {@code keyGroup | key | [namespace]} at the start of a DB key. */
  final int keyAndNamespaceLength(byte[] dbKeyBytes) {
    MemoryDataInput split = new MemoryDataInput(dbKeyBytes, 2, dbKeyBytes.length - 2);
    try {
      backend.keySerializer().deserialize(split);
      if (namespaced) {
        namespaces.deserialize(split);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A key of state '" + name() + "' is corrupt", e);
    }
    return split.position();
  }

  /** The namespace serializer, or null. */
  final TypeSerializer<Object> namespaceSerializer() {
    return namespaces;
  }
}
