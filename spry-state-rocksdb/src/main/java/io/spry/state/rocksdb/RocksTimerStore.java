package io.spry.state.rocksdb;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerStore;
import io.spry.runtime.state.KeyGroupRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.TreeSet;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The timers of one timer service in a column family of the RocksDB backend ({@value
 * #COLUMN_PREFIX}{@code <service name>}), so their number is bounded by the disk, not the heap.
 *
 * <h2>Layout</h2>
 *
 * One row per timer, no value: {@code keyGroup:2 | domain:1 | timestamp:8 | keyLength:4 | key |
 * namespace}, the timestamp big-endian with its sign bit flipped so that bytes sort as numbers. A
 * (key group, domain) is one contiguous range sorted by time: its earliest timer is its first row,
 * a snapshot writes a key group's timers in one pass, and a rescaled restore copies the key groups
 * it owns like any state's rows (the first two bytes are the key group, as in every column). The
 * key's length lets a row be split into the neutral format's key and namespace parts without the
 * key type.
 *
 * <h2>In memory</h2>
 *
 * Per (domain, key group) a sorted cache of its earliest rows, at most {@code cacheSize}, with the
 * invariant that every row of the range not in the cache sorts after every row in it, and a flag
 * saying whether the cache holds the whole range. A cache is empty only if its range is (it is
 * refilled from the database the moment it runs dry). Per domain, a min-heap of the key groups by
 * the timestamp of their first cached row gives the earliest timer across key groups.
 *
 * <ul>
 *   <li>Registering a timer that is in the cache costs a lookup in it; one that sorts after the
 *       cache of an incomplete range is written blind (a put of an existing row changes nothing),
 *       with no read. A small direct-mapped memo of rows recently written spares even the put when
 *       a window registers the same timer record after record; it is asked with the row still in
 *       the reused encoding buffer, so a hit allocates nothing.
 *   <li>Firing takes the first row of the earliest key group, deletes it, and refills that key
 *       group's cache (one seek, from the row just deleted, so the tombstones before it are not
 *       walked again) once every {@code cacheSize} timers. The row's key becomes the backend's
 *       current key with the row's key group and key bytes, not hashed and serialized again.
 *   <li>Deleting writes a tombstone and drops the row from the cache and the memo.
 * </ul>
 *
 * Every change is written to the database at once, so the column is always complete: a snapshot
 * reads it, and the caches are rebuilt from it after a restore. Used by the task's thread only.
 */
final class RocksTimerStore<N> implements TimerStore<N> {
  /** The column family name's prefix: {@code t}, then the layout's version. */
  static final String COLUMN_PREFIX = "t1:";

  /** {@code keyGroup | domain | timestamp | keyLength}. */
  static final int HEADER = 2 + 1 + 8 + 4;

  private static final int MEMO_SLOTS = 4096;

  private final RocksDBKeyedStateBackend backend;
  final String name;
  final ColumnFamilyHandle column;
  private final TypeSerializer<N> namespaces;
  private final int cacheSize;
  private final KeyGroupRange range;
  private final Domain[] domains;

  /** Rows known to be in the database, by a hash of their bytes (a row leaves when deleted). */
  private final byte[][] written = new byte[MEMO_SLOTS][];

  private final MemoryDataOutput row = new MemoryDataOutput(64);
  private final MemoryDataInput in = new MemoryDataInput();

  RocksTimerStore(
      RocksDBKeyedStateBackend backend,
      String name,
      ColumnFamilyHandle column,
      TypeSerializer<N> namespaces,
      int cacheSize) {
    this.backend = backend;
    this.name = name;
    this.column = column;
    this.namespaces = namespaces;
    this.cacheSize = cacheSize;
    this.range = backend.keyGroupRange();
    domains = new Domain[] {new Domain(this, EVENT_TIME), new Domain(this, PROCESSING_TIME)};
  }

  // ---- TimerStore ----

  @Override
  public void add(int domain, long timestamp, N namespace) {
    // A window registers the same timer for every record: the memo is asked about the row in the
    // encoding buffer, and the row is copied out only when it is news.
    encode(domain, timestamp, namespace);
    byte[] buffer = row.buffer();
    int length = row.position();
    int slot = memoSlot(buffer, length);
    byte[] known = written[slot];
    if (known != null && Arrays.equals(known, 0, known.length, buffer, 0, length)) {
      return;
    }
    byte[] r = Arrays.copyOf(buffer, length);
    domains[domain].groups[backend.getCurrentKeyGroup() - range.start()].add(r, timestamp);
    written[slot] = r;
  }

  @Override
  public void remove(int domain, long timestamp, N namespace) {
    encode(domain, timestamp, namespace);
    byte[] r = row.toByteArray();
    Group g = domains[domain].groups[backend.getCurrentKeyGroup() - range.start()];
    if (g.cache.remove(r)) {
      delete(r); // before the refill reads the database
      g.afterRemoval(r);
    } else if (!g.complete && Arrays.compareUnsigned(r, g.cache.last()) > 0) {
      delete(r); // maybe in the database, beyond the cache
    }
    // else not stored: the cache holds every row up to its last (a trigger deletes the timer that
    // just fired, so this saves a tombstone per fired window)
  }

  @Override
  public Timer<Object, N> pollDue(int domain, long time) {
    Group g = domains[domain].heap[0];
    if (g.empty || g.head > time) {
      return null;
    }
    byte[] r = g.cache.pollFirst();
    delete(r);
    g.afterRemoval(r);
    return fire(r);
  }

  @Override
  public long peekTimestamp(int domain) {
    Group g = domains[domain].heap[0];
    return g.empty ? Long.MAX_VALUE : g.head;
  }

  @Override
  public boolean hasDue(int domain, long time) {
    Group g = domains[domain].heap[0];
    return !g.empty && g.head <= time;
  }

  @Override
  public int size(int domain) {
    int n = 0;
    try (RocksIterator it = backend.db().newIterator(column, backend.readOptions())) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (it.key()[2] == domain) {
          n++;
        }
      }
    }
    return n;
  }

  // ---- rows ----

  /**
   * Writes the row of {@code (timestamp, current key, namespace)} in {@code domain} into {@link
   * #row}, which it overwrites.
   */
  private void encode(int domain, long timestamp, N namespace) {
    MemoryDataOutput key = backend.currentKeyBytes(); // keyGroup | key
    int keyLength = key.position() - 2;
    row.reset();
    row.write(key.buffer(), 0, 2);
    row.writeByte(domain);
    row.writeLong(timestamp ^ Long.MIN_VALUE);
    row.writeInt(keyLength);
    row.write(key.buffer(), 2, keyLength);
    try {
      namespaces.serialize(namespace, row);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Serializing the namespace " + namespace + " of a timer of '" + name + "' failed", e);
    }
  }

  static long timestampOf(byte[] r) {
    return RocksDBKeyedStateBackend.readLong(r, 3) ^ Long.MIN_VALUE;
  }

  /**
   * The timer of row {@code r}, whose key it makes the backend's current key from the row's key
   * group and key bytes: neither hashed nor serialized again.
   */
  private Timer<Object, N> fire(byte[] r) {
    int keyLength = RocksDBKeyedStateBackend.readInt(r, 11);
    Object key;
    N namespace;
    try {
      in.setBuffer(r, HEADER, keyLength);
      key = backend.keySerializer().deserialize(in);
      in.setBuffer(r, HEADER + keyLength, r.length - HEADER - keyLength);
      namespace = namespaces.deserialize(in);
    } catch (IOException e) {
      throw new UncheckedIOException("A timer of '" + name + "' is corrupt", e);
    }
    backend.setCurrentKey(key, RocksDBKeyedStateBackend.keyGroupOf(r), r, HEADER, keyLength);
    return new Timer<>(timestampOf(r), key, namespace);
  }

  /** The memo slot of {@code (timestamp, current key, namespace)} in {@code domain} (for tests). */
  int memoSlot(int domain, long timestamp, N namespace) {
    encode(domain, timestamp, namespace);
    return memoSlot(row.buffer(), row.position());
  }

  /** The memo slot of the row {@code r[0, length)}. */
  private static int memoSlot(byte[] r, int length) {
    int h = 1; // the hash of Arrays.hashCode, over a prefix of the array
    for (int i = 0; i < length; i++) {
      h = 31 * h + r[i];
    }
    return (h ^ (h >>> 16)) & (MEMO_SLOTS - 1);
  }

  private void put(byte[] r) {
    try {
      backend.db().put(column, backend.writeOptions(), r, EMPTY);
    } catch (RocksDBException e) {
      throw backend.failure("writing a timer of '" + name + "'", e);
    }
  }

  private void delete(byte[] r) {
    int slot = memoSlot(r, r.length);
    if (Arrays.equals(written[slot], r)) {
      written[slot] = null;
    }
    try {
      backend.db().delete(column, backend.writeOptions(), r);
    } catch (RocksDBException e) {
      throw backend.failure("deleting a timer of '" + name + "'", e);
    }
  }

  private static final byte[] EMPTY = new byte[0];

  // ---- restore ----

  /**
   * Writes a restored timer section of key group {@code kg} (count, then {@code part(key)
   * part(namespace) timestamp domain} entries) into the column, then reloads that key group's
   * caches.
   */
  void ingest(int kg, byte[] section) throws IOException {
    MemoryDataInput entries = new MemoryDataInput(section);
    int count = entries.readInt();
    MemoryDataOutput r = new MemoryDataOutput(64);
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < count; i++) {
        int keyLength = partLength(entries);
        int keyAt = entries.position();
        entries.skipBytes(keyLength);
        int namespaceLength = partLength(entries);
        int namespaceAt = entries.position();
        entries.skipBytes(namespaceLength);
        long timestamp = entries.readLong();
        int domain = entries.readUnsignedByte();
        if (domain != EVENT_TIME && domain != PROCESSING_TIME) {
          throw new IOException("Corrupt timer of '" + name + "': unknown time domain " + domain);
        }
        r.reset();
        r.writeShort(kg);
        r.writeByte(domain);
        r.writeLong(timestamp ^ Long.MIN_VALUE);
        r.writeInt(keyLength);
        r.write(section, keyAt, keyLength);
        r.write(section, namespaceAt, namespaceLength);
        batch.put(column, r.toByteArray(), EMPTY);
        if (batch.count() >= 1000) {
          backend.db().write(backend.writeOptions(), batch);
          batch.clear();
        }
      }
      backend.db().write(backend.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw new IOException(
          "RocksDB failed restoring the timers of '" + name + "': " + e.getMessage(), e);
    }
    for (Domain d : domains) {
      d.reload(d.groups[kg - range.start()]);
    }
  }

  private int partLength(MemoryDataInput entries) throws IOException {
    int length = entries.readInt();
    if (length < 0 || length > entries.available()) {
      throw new IOException("Corrupt snapshot: a timer of '" + name + "' is cut short");
    }
    return length;
  }

  /**
   * Writes the timers of key group {@code kg} read from {@code it} (positioned in the column at or
   * before the key group's first row; left after its last) as neutral timer entries, one {@code
   * entry()} output per timer; returns how many.
   */
  static int writeKeyGroup(
      RocksIterator it, int kg, java.util.function.Supplier<MemoryDataOutput> entry) {
    int n = 0;
    for (; it.isValid() && RocksDBKeyedStateBackend.keyGroupOf(it.key()) == kg; it.next()) {
      byte[] r = it.key();
      int keyLength = RocksDBKeyedStateBackend.readInt(r, 11);
      MemoryDataOutput out = entry.get();
      out.writeInt(keyLength);
      out.write(r, HEADER, keyLength);
      out.writeInt(r.length - HEADER - keyLength);
      out.write(r, HEADER + keyLength, r.length - HEADER - keyLength);
      out.writeLong(timestampOf(r));
      out.writeByte(r[2]);
      n++;
    }
    return n;
  }

  // ---- per domain ----

  /** The key groups of one domain, and a min-heap of them by their earliest timer. */
  private static final class Domain {
    final Group[] groups;
    final Group[] heap;

    Domain(RocksTimerStore<?> store, int domain) {
      KeyGroupRange range = store.range;
      groups = new Group[range.size()];
      heap = new Group[range.size()];
      for (int i = 0; i < groups.length; i++) {
        groups[i] = new Group(store, this, range.start() + i, domain);
        heap[i] = groups[i];
        groups[i].heapIndex = i;
      }
      heapify();
    }

    void reload(Group g) {
      g.cache.clear();
      g.load(null);
      g.refreshHead();
      moved(g);
    }

    void heapify() {
      for (int i = heap.length / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    }

    /** Restores the heap order after {@code g}'s head changed. */
    void moved(Group g) {
      siftUp(g.heapIndex);
      siftDown(g.heapIndex);
    }

    private void siftUp(int i) {
      Group g = heap[i];
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!less(g, heap[parent])) {
          break;
        }
        place(heap[parent], i);
        i = parent;
      }
      place(g, i);
    }

    private void siftDown(int i) {
      Group g = heap[i];
      int n = heap.length;
      while (true) {
        int child = 2 * i + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && less(heap[child + 1], heap[child])) {
          child++;
        }
        if (!less(heap[child], g)) {
          break;
        }
        place(heap[child], i);
        i = child;
      }
      place(g, i);
    }

    /** Whether {@code a}'s first timer is earlier; an empty group comes after every other. */
    private static boolean less(Group a, Group b) {
      return a.head < b.head || (a.head == b.head && !a.empty && b.empty);
    }

    private void place(Group g, int i) {
      heap[i] = g;
      g.heapIndex = i;
    }
  }

  /** The timers of one key group in one domain: the cache of its first rows. */
  private static final class Group {
    final RocksTimerStore<?> store;
    final Domain domain;
    final TreeSet<byte[]> cache = new TreeSet<>(Arrays::compareUnsigned);

    /** The first row of the range, and the first row after it. */
    final byte[] start;

    final byte[] end;

    /** Whether the cache holds every row of the range. */
    boolean complete;

    /** The timestamp of the first cached row, or {@code Long.MAX_VALUE}. */
    long head = Long.MAX_VALUE;

    /** Whether the cache, and so the range, is empty (a timer may be due at Long.MAX_VALUE). */
    boolean empty = true;

    int heapIndex;

    Group(RocksTimerStore<?> store, Domain domain, int kg, int timeDomain) {
      this.store = store;
      this.domain = domain;
      this.start = new byte[] {(byte) (kg >>> 8), (byte) kg, (byte) timeDomain};
      this.end = new byte[] {(byte) (kg >>> 8), (byte) kg, (byte) (timeDomain + 1)};
      load(null);
      head = first();
      empty = cache.isEmpty();
    }

    void add(byte[] r, long timestamp) {
      if (!complete && Arrays.compareUnsigned(r, cache.last()) > 0) {
        store.put(r); // after the cache: the cache stays the range's first rows
        return;
      }
      if (!cache.add(r)) {
        return;
      }
      store.put(r);
      if (cache.size() > store.cacheSize) {
        cache.pollLast(); // still in the database
        complete = false;
      }
      if (empty || timestamp < head) {
        head = timestamp;
        empty = false;
        domain.moved(this);
      }
    }

    /** After {@code removed} left the cache: refills it if it ran dry, and updates the head. */
    void afterRemoval(byte[] removed) {
      if (cache.isEmpty() && !complete) {
        load(removed);
      }
      if (refreshHead()) {
        domain.moved(this);
      }
    }

    /** Sets the head from the cache; true if it changed. */
    boolean refreshHead() {
      long h = first();
      boolean e = cache.isEmpty();
      if (h == head && e == empty) {
        return false;
      }
      head = h;
      empty = e;
      return true;
    }

    /**
     * Fills the (empty) cache with the range's first rows from {@code from} on (every row before it
     * is gone), or from the range's start.
     */
    void load(byte[] from) {
      complete = true;
      try (Slice upper = new Slice(end);
          ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
          RocksIterator it = store.backend.db().newIterator(store.column, options)) {
        it.seek(from != null ? from : start);
        for (; it.isValid(); it.next()) {
          if (cache.size() == store.cacheSize) {
            complete = false;
            break;
          }
          cache.add(it.key());
        }
        it.status();
      } catch (RocksDBException e) {
        throw store.backend.failure("reading the timers of '" + store.name + "'", e);
      }
    }

    /** The timestamp of the first cached row, or {@code Long.MAX_VALUE}. */
    long first() {
      return cache.isEmpty() ? Long.MAX_VALUE : timestampOf(cache.first());
    }
  }
}
