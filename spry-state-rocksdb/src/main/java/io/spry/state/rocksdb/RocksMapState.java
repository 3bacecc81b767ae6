package io.spry.state.rocksdb;

import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A map per key (and namespace): one RocksDB entry per map entry, {@code keyGroup | key |
 * [namespace] | mapKey -> [lastAccess:long] value}, so a get or put touches one entry and a key's
 * map is one contiguous range, iterated in the byte order of the serialized map keys.
 *
 * <p><b>Iteration and mutation.</b> {@link #entries()}, {@link #keys()} and {@link #values()} read
 * the range in batches of {@value #BATCH} entries, each batch from a fresh RocksDB iterator that is
 * closed before the batch is handed out, so an abandoned iteration leaks nothing. Changing the map
 * while iterating is allowed and never breaks the iteration: {@code Iterator.remove()} removes the
 * entry last returned; an entry put or removed otherwise during the iteration is seen if it lies in
 * a batch not yet read. {@code Map.Entry.setValue} writes the entry through. (The heap backend's
 * maps are {@code HashMap}s: there, changing the map other than through the iterator while
 * iterating fails with {@code ConcurrentModificationException}. Portable code collects first.)
 */
final class RocksMapState<K, V> extends RocksState implements MapState<K, V> {
  static final int BATCH = 128;

  private final TypeSerializer<Object> mapKeys;

  @SuppressWarnings("unchecked")
  RocksMapState(
      RocksDBKeyedStateBackend backend,
      MapStateDescriptor<K, V> d,
      ColumnFamilyHandle column,
      TypeSerializer<?> namespaceSerializer) {
    super(backend, d, column, namespaceSerializer);
    this.mapKeys = (TypeSerializer<Object>) d.getKeyType().createSerializer();
  }

  @Override
  StateDescriptor.Kind kind() {
    return StateDescriptor.Kind.MAP;
  }

  @Override
  TypeSerializer<Object> mapKeySerializer() {
    return mapKeys;
  }

  @Override
  io.spry.api.types.TypeInfo<?> mapKeyType() {
    return ((MapStateDescriptor<?, ?>) descriptor).getKeyType();
  }

  /** Builds {@code prefix | mapKey} into the DB key; its length. */
  private int entryKey(Object mapKey) {
    prefix();
    try {
      mapKeys.serialize(mapKey, dbKey);
    } catch (IOException e) {
      throw new UncheckedIOException("Serializing a map key of state '" + name() + "' failed", e);
    }
    return dbKey.position();
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    cleanupSomeEntries();
    int keyLength = entryKey(key);
    int n = read(keyLength);
    if (n < 0) {
      return null;
    }
    if (!hasTtl()) {
      return (V) deserializeValue(readBuffer, 0, n);
    }
    long now = now();
    if (isExpired(RocksDBKeyedStateBackend.readLong(readBuffer, 0), now)) {
      delete(keyLength);
      return null;
    }
    if (refreshOnRead) {
      RocksDBKeyedStateBackend.writeLong(readBuffer, 0, now);
      put(keyLength, readBuffer, n);
    }
    return (V) deserializeValue(readBuffer, 8, n - 8);
  }

  @Override
  public void put(K key, V value) {
    cleanupSomeEntries();
    putEntry(key, value, hasTtl() ? now() : 0);
  }

  private void putEntry(Object key, Object value, long now) {
    int keyLength = entryKey(key);
    valueOut.reset();
    if (hasTtl()) {
      valueOut.writeLong(now);
    }
    serializeValue(value, valueOut);
    put(keyLength, valueOut.buffer(), valueOut.position());
  }

  @Override
  public void putAll(Map<K, V> values) {
    cleanupSomeEntries();
    long now = hasTtl() ? now() : 0;
    for (Map.Entry<K, V> e : values.entrySet()) {
      putEntry(e.getKey(), e.getValue(), now);
    }
  }

  @Override
  public void remove(K key) {
    cleanupSomeEntries();
    delete(entryKey(key));
  }

  @Override
  public boolean contains(K key) {
    return get(key) != null;
  }

  @Override
  public void clear() {
    cleanupSomeEntries();
    deletePrefix(prefix());
  }

  @Override
  public boolean isEmpty() {
    // seeks the first entry of the key: no batch read, nothing deserialized
    byte[] prefix = Arrays.copyOf(dbKey.buffer(), prefix());
    long now = hasTtl() ? now() : 0;
    List<byte[]> expired = new ArrayList<>();
    boolean empty = true;
    try (RocksIterator it = db().newIterator(column, backend.readOptions())) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!RocksDBKeyedStateBackend.startsWith(k, prefix, prefix.length)) {
          break;
        }
        if (hasTtl() && isExpired(RocksDBKeyedStateBackend.readLong(it.value(), 0), now)) {
          expired.add(k); // removed lazily, as a read of it would
          continue;
        }
        empty = false;
        break;
      }
      if (empty && !it.isValid()) {
        it.status();
      }
      for (byte[] k : expired) {
        db().delete(column, backend.writeOptions(), k);
      }
    } catch (RocksDBException e) {
      throw backend.failure("reading state '" + name() + "'", e);
    }
    return empty;
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    cleanupSomeEntries();
    return () -> new Batches<>(e -> e);
  }

  @Override
  public Iterable<K> keys() {
    cleanupSomeEntries();
    return () -> new Batches<>(Map.Entry::getKey);
  }

  @Override
  public Iterable<V> values() {
    cleanupSomeEntries();
    return () -> new Batches<>(Map.Entry::getValue);
  }

  @Override
  byte[] pruneExpired(byte[] value, long now) {
    return isExpired(RocksDBKeyedStateBackend.readLong(value, 0), now) ? null : value;
  }

  /** An entry read from RocksDB; {@code setValue} writes through. */
  private final class Entry extends AbstractMap.SimpleEntry<K, V> {
    private final byte[] dbKeyBytes;

    Entry(byte[] dbKeyBytes, K key, V value) {
      super(key, value);
      this.dbKeyBytes = dbKeyBytes;
    }

    @Override
    public V setValue(V value) {
      V old = super.setValue(value);
      valueOut.reset();
      if (hasTtl()) {
        valueOut.writeLong(now());
      }
      serializeValue(value, valueOut);
      try {
        db().put(column, backend.writeOptions(), dbKeyBytes, valueOut.toByteArray());
      } catch (RocksDBException e) {
        throw backend.failure("writing state '" + name() + "'", e);
      }
      return old;
    }
  }

  /**
   * Iterates the current key's (and namespace's) entries in batches; each batch from a fresh
   * RocksDB iterator, closed before the batch is used.
   */
  private final class Batches<X> implements Iterator<X> {
    private final Function<Entry, X> view;
    private final byte[] prefix;
    private byte[] resumeAfter;
    private boolean exhausted;
    private final List<Entry> batch = new ArrayList<>(BATCH);
    private int next;
    private Entry last;

    Batches(Function<Entry, X> view) {
      this.view = view;
      this.prefix = Arrays.copyOf(dbKey.buffer(), prefix());
    }

    @Override
    public boolean hasNext() {
      if (next < batch.size()) {
        return true;
      }
      if (exhausted) {
        return false;
      }
      readBatch();
      return next < batch.size();
    }

    @Override
    public X next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      last = batch.get(next++);
      return view.apply(last);
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() was not called, or remove() was already");
      }
      try {
        db().delete(column, backend.writeOptions(), last.dbKeyBytes);
      } catch (RocksDBException e) {
        throw backend.failure("removing from state '" + name() + "'", e);
      }
      last = null;
    }

    @SuppressWarnings("unchecked")
    private void readBatch() {
      batch.clear();
      next = 0;
      long now = hasTtl() ? now() : 0;
      List<byte[]> expired = new ArrayList<>();
      try (RocksIterator it = db().newIterator(column, backend.readOptions())) {
        it.seek(resumeAfter == null ? prefix : resumeAfter);
        if (resumeAfter != null && it.isValid() && Arrays.equals(it.key(), resumeAfter)) {
          it.next();
        }
        MemoryDataInput keyIn = new MemoryDataInput();
        while (batch.size() < BATCH && it.isValid()) {
          byte[] k = it.key();
          if (!RocksDBKeyedStateBackend.startsWith(k, prefix, prefix.length)) {
            exhausted = true;
            break;
          }
          resumeAfter = k;
          byte[] v = it.value();
          it.next();
          if (hasTtl() && isExpired(RocksDBKeyedStateBackend.readLong(v, 0), now)) {
            expired.add(k);
            continue;
          }
          keyIn.setBuffer(k, prefix.length, k.length - prefix.length);
          K mapKey = (K) mapKeys.deserialize(keyIn);
          int skip = hasTtl() ? 8 : 0;
          V value = (V) deserializeValue(v, skip, v.length - skip);
          batch.add(new Entry(k, mapKey, value));
        }
        if (!it.isValid()) {
          it.status();
          exhausted = true;
        }
        for (byte[] k : expired) {
          db().delete(column, backend.writeOptions(), k);
        }
      } catch (RocksDBException e) {
        throw backend.failure("iterating state '" + name() + "'", e);
      } catch (IOException e) {
        throw new UncheckedIOException("A map key of state '" + name() + "' is corrupt", e);
      }
    }
  }
}
