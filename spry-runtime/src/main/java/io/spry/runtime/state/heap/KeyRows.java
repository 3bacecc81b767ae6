package io.spry.runtime.state.heap;

import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyHashing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The keys of one heap backend, each with a row of values: one column per state. A key's values for
 * all its states sit in one object, found with one hash lookup; the row of the current key is kept,
 * so the second and later state accesses of a record (value, then update; or several states) cost
 * no lookup at all.
 *
 * <p>Per key group, an open-addressing hash table of rows with linear probing, at most half full,
 * so a lookup mostly reads one slot and the row it points to, which holds the key's hash code, the
 * key (a {@code Long} key's value inline) and the values: no separate array of hash codes to miss
 * in the cache. The hash is {@link KeyHashing#hash}, which the backend computes anyway to find the
 * key's group, so a lookup calls no {@code hashCode}; the slot is taken from the hash's high bits
 * after a multiplication (the key group used its low bits). (An {@code int[]} of slot tags beside
 * the rows, so a probe reads rows only on a tag match, was measured again on q4/q5/q6 at 2 M
 * events, p=2, eight alternating pairs each: CPU s/M medians 1.33 -> 1.30, 1.24 -> 1.30, 1.36 ->
 * 1.21, no clear gain on a loaded machine, so it is not here.) Deletion shifts the rest of the
 * probe run back (no tombstones); a row goes when its last value goes; a large table halves when
 * less than a sixteenth full, so a burst of keys does not leave a big sparse table behind.
 *
 * <p>Per key group tables keep snapshots per key group cheap: a snapshot walks one group's table.
 *
 * <h2>Snapshots: copy on write</h2>
 *
 * A snapshot ({@link #capture}) costs one reference per key group: it keeps the groups' slot arrays
 * as they are, and everything reachable from them (rows, and through the states' values their
 * lists, maps and accumulators) must then stay unchanged until the snapshot is released, while the
 * task goes on changing the state. So the task copies before it writes, as a persistent map would:
 *
 * <ul>
 *   <li>A write epoch ({@link #epoch}) counts snapshots. Every group's slot array and every row
 *       remembers the epoch it was made in. A capture takes the arrays and starts a new epoch; the
 *       newest epoch a live capture took is {@link #highestLive}. An array or row of that epoch or
 *       older may be seen by a live capture: it is <em>shared</em>.
 *   <li>Before a shared slot array changes (a row added, removed or replaced), the group gets a
 *       copy of it. Before a shared row changes, its table gets a copy of the row (the values are
 *       taken over by reference), and the row's {@code shared} bits mark the columns whose values
 *       are still those of the capture.
 *   <li>Values are handed to the states only through {@link #getCurrent}, which first replaces a
 *       shared value by its column's {@link Copier} copy (the state's own deep copy: a new list or
 *       map, the serializer's copy of an accumulator; an immutable value is its own copy and
 *       stays). So whatever a state reads it may change in place, as it always did, and the
 *       engine's own mutable values (lists, maps, window namespaces, accumulators, slices) are
 *       never changed under a capture. A value replaced by a write needs no copy at all.
 * </ul>
 *
 * A row or array is copied at most once per capture, when the task first touches it; one that the
 * task does not touch while a capture is live is never copied. Captures are released from any
 * thread ({@link Capture#release}, which counts releases in an atomic); the task looks at the count
 * only before it copies, never on the fast path, and then forgets released captures. Several
 * captures may be live at once (checkpoints in flight concurrently): a shared object is shared with
 * all captures taken since it was made.
 *
 * <p>Used by the task's thread only, except that a capture's arrays and rows are read by the thread
 * that writes the snapshot, which the rules above keep unchanged.
 */
final class KeyRows {
  private static final int MIN_CAPACITY = 8;

  /**
   * Tables up to this capacity never shrink (as a HashMap never does): they cost little, and keys
   * that come and go would otherwise rebuild them again and again (q4's early bids made tables of
   * 64 to 256 slots grow and shrink at every watermark: 8% of its profile).
   */
  private static final int SHRINK_ABOVE = 1024;

  /** One key's values, one per column (state). Values are never null in a live column. */
  static final class Row {
    /**
     * The key, or null when it is a {@code Long}: then its value is {@link #longKey} and the row
     * keeps no key object, so a large state of {@code Long} keys holds one object less per key for
     * the collector to copy and trace ({@link #key()} boxes it again when asked, which only walks
     * over the table do).
     */
    private final Object key;

    final int hash;

    /** The key's value when it is a {@code Long}, compared without reading a key object. */
    private final long longKey;

    private final boolean isLongKey;

    private Object v0;
    private Object v1;
    private Object v2;
    private Object v3;
    private Object[] more; // columns 4 and up

    /** The number of columns with a value. */
    private int count;

    /** Removed from its table: a new row must be made for the key. */
    boolean detached;

    /** The write epoch the row was made in: a live capture may share it if not newer. */
    final int epoch;

    /**
     * Columns (below 32) whose values came over from a shared row this row was copied from: a live
     * capture may still see them, so they are copied before a state may change them. (An int, not a
     * long: with the epoch the row stays at 64 bytes.)
     */
    int shared;

    Row(Object key, int hash, int epoch) {
      this.hash = hash;
      this.isLongKey = key instanceof Long;
      this.longKey = isLongKey ? (Long) key : 0;
      this.key = isLongKey ? null : key;
      this.epoch = epoch;
    }

    /** The key (a new {@code Long} for a {@code Long} key). */
    Object key() {
      return isLongKey ? Long.valueOf(longKey) : key;
    }

    /** A copy of {@code from} made in {@code epoch}; its values are taken over by reference. */
    Row(Row from, int epoch) {
      this.key = from.key;
      this.hash = from.hash;
      this.isLongKey = from.isLongKey;
      this.longKey = from.longKey;
      this.v0 = from.v0;
      this.v1 = from.v1;
      this.v2 = from.v2;
      this.v3 = from.v3;
      this.more = from.more == null ? null : from.more.clone();
      this.count = from.count;
      this.epoch = epoch;
    }

    boolean is(Object k) {
      if (k instanceof Long l) {
        return isLongKey && longKey == l;
      }
      return k == key || (key != null && key.equals(k));
    }

    Object get(int column) {
      return switch (column) {
        case 0 -> v0;
        case 1 -> v1;
        case 2 -> v2;
        case 3 -> v3;
        default -> more == null || column - 4 >= more.length ? null : more[column - 4];
      };
    }

    /** Sets a column and returns its old value. */
    private Object put(int column, Object value) {
      Object old;
      switch (column) {
        case 0 -> {
          old = v0;
          v0 = value;
        }
        case 1 -> {
          old = v1;
          v1 = value;
        }
        case 2 -> {
          old = v2;
          v2 = value;
        }
        case 3 -> {
          old = v3;
          v3 = value;
        }
        default -> {
          int i = column - 4;
          if (more == null || i >= more.length) {
            if (value == null) {
              return null;
            }
            more = more == null ? new Object[i + 4] : java.util.Arrays.copyOf(more, i + 4);
          }
          old = more[i];
          more[i] = value;
        }
      }
      return old;
    }

    boolean isEmpty() {
      return count == 0;
    }
  }

  /** The rows of one key group. */
  private static final class Group {
    Row[] rows = new Row[MIN_CAPACITY];
    int size;

    /** {@code 32 - log2(capacity)}: the slot is the top bits of the multiplied hash. */
    int shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);

    /** Changes when the table is rebuilt, so a cleanup cursor knows to start over. */
    int version;

    /** The write epoch {@link #rows} was made in: a live capture may share it if not newer. */
    int epoch;

    Group(int epoch) {
      this.epoch = epoch;
    }

    int home(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }
  }

  private final KeyGroupRange range;
  private final Group[] groups;

  /** Live values per column, over all key groups. */
  private int[] columnSizes = new int[4];

  private int columns;

  /** How each column's values are copied before a state may change a shared one. */
  private Copier[] copiers = new Copier[4];

  // ---- copy on write (see the class comment) ----

  /** The write epoch: arrays and rows made now carry it. */
  private int epoch = 1;

  /** The newest epoch a live capture took (0: none); objects of it or older are shared. */
  private int highestLive;

  /** The captures not yet seen released. */
  private final List<Capture> live = new ArrayList<>(2);

  /**
   * Releases so far, counted by the releasing thread; read before copying (never on the fast path),
   * so objects only a released capture shared stop being copied soon after the release.
   */
  private final java.util.concurrent.atomic.AtomicInteger releases =
      new java.util.concurrent.atomic.AtomicInteger();

  private int releasesSeen;

  /** A state's deep copy of one of its stored values (the value itself when it is immutable). */
  @FunctionalInterface
  interface Copier {
    Object copy(Object stored);
  }

  /**
   * The rows of every key group as they were at a capture: per key group (by index in the range)
   * the slot array, or null. Its arrays and rows do not change until it is released.
   */
  static final class Capture {
    private final int epoch;
    private Row[][] groups;
    private volatile boolean released;
    private final java.util.concurrent.atomic.AtomicInteger releases;

    private Capture(int epoch, Row[][] groups, java.util.concurrent.atomic.AtomicInteger releases) {
      this.epoch = epoch;
      this.groups = groups;
      this.releases = releases;
    }

    /** The slot array of the key group at {@code index}, or null (may hold nulls). */
    Row[] group(int index) {
      Row[][] g = groups;
      if (g == null) {
        throw new IllegalStateException("The snapshot was released");
      }
      return g[index];
    }

    /** The task may change what this capture holds from now on. Any thread; idempotent. */
    void release() {
      if (!released) {
        groups = null;
        released = true;
        releases.incrementAndGet();
      }
    }

    boolean isReleased() {
      return released;
    }
  }

  // ---- the current key ----

  private Object currentKey;
  private int currentHash;
  private int currentIndex = -1;

  /** The current key's row, or null when it has none (if {@link #currentLooked}). */
  private Row currentRow;

  private boolean currentLooked;

  KeyRows(KeyGroupRange range) {
    this.range = range;
    this.groups = new Group[range.size()];
  }

  /** A new column, for a new state whose values {@code copier} copies. */
  int addColumn(Copier copier) {
    if (columns == columnSizes.length) {
      columnSizes = java.util.Arrays.copyOf(columnSizes, columns * 2);
      copiers = java.util.Arrays.copyOf(copiers, columns * 2);
    }
    copiers[columns] = copier;
    return columns++;
  }

  /** The bit of a column in {@link Row#shared} (0 for columns from 32 on, copied eagerly). */
  static int bit(int column) {
    return column < 32 ? 1 << column : 0;
  }

  // ---- captures ----

  /**
   * Takes the rows as they are now for a snapshot: one reference per key group. Until the capture
   * is released, the task copies what it would change of it.
   */
  Capture capture() {
    forgetReleased();
    Row[][] arrays = new Row[groups.length][];
    for (int i = 0; i < groups.length; i++) {
      Group g = groups[i];
      arrays[i] = g == null || g.size == 0 ? null : g.rows;
    }
    Capture c = new Capture(epoch, arrays, releases);
    live.add(c);
    highestLive = epoch;
    epoch++;
    return c;
  }

  /**
   * Before a copy: forgets captures released since the last look; true if any was (then the caller
   * checks again whether it must copy).
   */
  private boolean releasedSince() {
    int r = releases.get();
    if (r == releasesSeen) {
      return false;
    }
    releasesSeen = r;
    forgetReleased();
    return true;
  }

  /** Drops captures released since, so objects only they shared are no longer copied. */
  private void forgetReleased() {
    if (live.removeIf(Capture::isReleased)) {
      int h = 0;
      for (Capture c : live) {
        h = Math.max(h, c.epoch);
      }
      highestLive = h;
    }
  }

  /** The number of captures not yet released (for tests). */
  int liveCaptures() {
    forgetReleased();
    return live.size();
  }

  /** The group at {@code index} with a slot array of its own (not shared with a capture). */
  private Group writable(int index) {
    Group g = groups[index];
    if (g.epoch <= highestLive && (!releasedSince() || g.epoch <= highestLive)) {
      g.rows = g.rows.clone();
      g.epoch = epoch;
    }
    return g;
  }

  /**
   * Replaces a shared row in its table by a copy the task may change, and returns the copy. Its
   * columns keep the shared values, marked in {@link Row#shared}; columns from 32 on are copied
   * now.
   */
  private Row privatize(Row r, int index) {
    if (releasedSince() && r.epoch > highestLive) {
      return r; // its capture was released meanwhile
    }
    Row c = new Row(r, epoch);
    int mask = 0;
    for (int col = 0; col < columns; col++) {
      Object v = c.get(col);
      if (v != null) {
        if (col < 32) {
          mask |= 1 << col;
        } else {
          c.put(col, copiers[col].copy(v));
        }
      }
    }
    c.shared = mask;
    Group g = writable(index);
    Row[] rows = g.rows;
    int m = rows.length - 1;
    int i = g.home(r.hash);
    while (rows[i] != r) {
      i = (i + 1) & m;
    }
    rows[i] = c;
    if (currentRow == r) {
      currentRow = c;
    }
    return c;
  }

  /**
   * A value of a column of a row in the group at {@code index}, copied first (and the copy stored)
   * when a live capture may share it, so the caller may change it in place.
   */
  private Object unshare(Row r, int index, int column, Object v) {
    if (releasedSince() && r.epoch > highestLive && (r.shared & bit(column)) == 0) {
      return v; // its capture was released meanwhile
    }
    Object c = copiers[column].copy(v);
    if (c == v) {
      if (r.epoch > highestLive) {
        r.shared &= ~bit(column); // immutable: sharing it is harmless
      }
      return v;
    }
    if (r.epoch <= highestLive) {
      r = privatize(r, index);
    }
    r.shared &= ~bit(column);
    r.put(column, c);
    return c;
  }

  /** Sets the current key; its row is looked up when a state first needs it. */
  void setCurrent(Object key, int hash, int keyGroup) {
    currentKey = key;
    currentHash = hash;
    currentIndex = keyGroup - range.start();
    currentRow = null;
    currentLooked = false;
  }

  /** The current key's row; made when {@code create} and missing; else null when missing. */
  Row current(boolean create) {
    Row r = currentRow;
    if (r != null && !r.detached) {
      return r;
    }
    if (r == null && currentLooked && !create) {
      return null;
    }
    if (currentKey == null) {
      throw new IllegalStateException(
          "Keyed state was used outside the processing of a keyed record (in open() or close(),"
              + " say); use it only in the methods that process records or fire timers");
    }
    r = row(currentIndex, currentKey, currentHash, create);
    currentRow = r;
    currentLooked = true;
    return r;
  }

  /**
   * A column of the current key, or null; never a value a live capture shares (such a value is
   * replaced by its copy first), so the caller may change it in place.
   *
   * @param bit {@link #bit}{@code (column)}
   */
  Object getCurrent(int column, int bit) {
    Row r = current(false);
    if (r == null) {
      return null;
    }
    Object v = r.get(column);
    if (v == null || (r.epoch > highestLive && (r.shared & bit) == 0)) {
      return v;
    }
    return unshare(r, currentIndex, column, v);
  }

  /** Sets a column of the current key (not to null). */
  void setCurrent(int column, Object value) {
    set(current(true), currentIndex, column, value);
  }

  /** Removes a column of the current key. */
  void removeCurrent(int column) {
    Row r = current(false);
    if (r != null) {
      clear(r, column, currentIndex);
    }
  }

  // ---- prefetching ----

  /** Rows over all key groups. */
  private int rowCount;

  /** Per key of a prefetch batch: its slot, or -1; and its group's index. */
  private int[] prefetchSlots = new int[16];

  private int[] prefetchGroups = new int[16];

  /** Where {@link #prefetch}'s loads go, so that the JIT keeps them. */
  private int prefetchSink;

  /** The number of keys with a row. */
  int rowCount() {
    return rowCount;
  }

  /**
   * Loads the slots, rows and the first four columns' values of {@code n} keys into the CPU's
   * caches (see {@code KeyedStateBackend.prefetch}); changes nothing.
   *
   * <p>Three passes over the batch, one per level (slot, row, values): within a pass no load
   * depends on another, so the CPU has the batch's misses of that level in flight at once. Only the
   * slot is read in the first pass, not the probe run after it: the home slot is where most keys
   * are. No pass stores a reference (an {@code int[]} keeps the slots between passes): a reference
   * store's GC barrier would hold the loads back.
   */
  void prefetch(Object[] keys, int n, int maxParallelism) {
    int[] slots = prefetchSlots;
    int[] groupIndexes = prefetchGroups;
    if (slots.length < n) {
      slots = prefetchSlots = new int[n];
      groupIndexes = prefetchGroups = new int[n];
    }
    Group[] gs = groups;
    int start = range.start();
    int sink = 0;
    for (int j = 0; j < n; j++) {
      slots[j] = -1;
      Object key = keys[j];
      if (key == null) {
        continue;
      }
      int hash;
      try {
        hash = KeyHashing.hash(key);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        continue; // a key without a stable hash, or whose hashCode fails: setCurrentKey reports it
      }
      int index = KeyGroups.computeKeyGroupForHash(hash, maxParallelism) - start;
      if (index < 0 || index >= gs.length) {
        continue; // not this backend's: setCurrentKey reports it
      }
      Group g = gs[index];
      if (g != null) {
        int slot = g.home(hash);
        slots[j] = slot;
        groupIndexes[j] = index;
        sink += g.rows[slot] == null ? 1 : 0;
      }
    }
    for (int j = 0; j < n; j++) {
      if (slots[j] >= 0) {
        Row r = gs[groupIndexes[j]].rows[slots[j]];
        if (r != null) {
          sink += r.hash;
        }
      }
    }
    for (int j = 0; j < n; j++) {
      if (slots[j] >= 0) {
        Row r = gs[groupIndexes[j]].rows[slots[j]];
        if (r != null) {
          sink += touch(r.v0) + touch(r.v1) + touch(r.v2) + touch(r.v3);
        }
      }
    }
    prefetchSink += sink;
  }

  /** Reads an object's header (its class), so its first cache line is loaded. */
  private static int touch(Object v) {
    return v != null && v.getClass() == Row.class ? 1 : 0;
  }

  // ---- any key ----

  /** The row of a key in the group at {@code index} (of the range), made if asked; or null. */
  Row row(int index, Object key, int hash, boolean create) {
    Group g = groups[index];
    if (g == null) {
      if (!create) {
        return null;
      }
      g = new Group(epoch);
      groups[index] = g;
    }
    Row[] rows = g.rows;
    int mask = rows.length - 1;
    int i = g.home(hash);
    for (; ; i = (i + 1) & mask) {
      Row r = rows[i];
      if (r == null) {
        break;
      }
      if (r.hash == hash && r.is(key)) {
        return r;
      }
    }
    if (!create) {
      return null;
    }
    Row r = new Row(key, hash, epoch);
    currentLooked = false; // it may be the current key's: look it up again
    if (2 * (g.size + 1) > rows.length) {
      rebuild(g, rows.length * 2, epoch);
      insert(g, r);
    } else {
      writable(index).rows[i] = r;
    }
    g.size++;
    rowCount++;
    return r;
  }

  /** A key's value of the column, or null; unshared like {@link #getCurrent}'s. */
  Object get(int keyGroup, Object key, int column) {
    int index = keyGroup - range.start();
    Row r = row(index, key, KeyHashing.hash(key), false);
    Object v = r == null ? null : r.get(column);
    if (v == null || (r.epoch > highestLive && (r.shared & bit(column)) == 0)) {
      return v;
    }
    return unshare(r, index, column, v);
  }

  void put(int keyGroup, Object key, int column, Object value) {
    int index = keyGroup - range.start();
    set(row(index, key, KeyHashing.hash(key), true), index, column, value);
  }

  void remove(int keyGroup, Object key, int column) {
    int index = keyGroup - range.start();
    Row r = row(index, key, KeyHashing.hash(key), false);
    if (r != null) {
      clear(r, column, index);
    }
  }

  /** Sets a column of a row in the group at {@code index}, copying the row first if shared. */
  private void set(Row r, int index, int column, Object value) {
    if (r.epoch <= highestLive) {
      r = privatize(r, index);
    }
    if (r.shared != 0) {
      r.shared &= ~bit(column); // the capture's value is replaced, not changed
    }
    if (r.put(column, value) == null) {
      r.count++;
      columnSizes[column]++;
    }
  }

  /**
   * Clears a column of a row in the group at {@code index}; an empty row leaves its table.
   *
   * @return whether the row left its table
   */
  private boolean clear(Row r, int column, int index) {
    if (r.get(column) == null) {
      return false;
    }
    if (r.epoch <= highestLive) {
      r = privatize(r, index);
    }
    r.shared &= ~bit(column);
    r.put(column, null);
    columnSizes[column]--;
    if (--r.count == 0) {
      removeRow(r, index);
      return true;
    }
    return false;
  }

  /** Takes an empty row out of the table of the group at {@code index}. */
  private void removeRow(Row r, int index) {
    Group g = writable(index);
    Row[] rows = g.rows;
    int mask = rows.length - 1;
    int i = g.home(r.hash);
    while (rows[i] != r) {
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole.
    int hole = i;
    for (int j = (i + 1) & mask; rows[j] != null; j = (j + 1) & mask) {
      int home = g.home(rows[j].hash);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        rows[hole] = rows[j];
        hole = j;
      }
    }
    rows[hole] = null;
    g.size--;
    rowCount--;
    r.detached = true;
    if (r == currentRow) {
      currentRow = null; // the current key has no row now
    }
    if (rows.length > SHRINK_ABOVE && 16 * g.size < rows.length) {
      rebuild(g, rows.length / 2, epoch); // an eighth full at most: far from growing again
    }
  }

  /** A new slot array (the old one, maybe a capture's, is left as it was). */
  private static void rebuild(Group g, int capacity, int epoch) {
    Row[] old = g.rows;
    g.rows = new Row[capacity];
    g.shift = 32 - Integer.numberOfTrailingZeros(capacity);
    g.version++;
    g.epoch = epoch;
    for (Row r : old) {
      if (r != null) {
        insert(g, r);
      }
    }
  }

  private static void insert(Group g, Row r) {
    int mask = g.rows.length - 1;
    int i = g.home(r.hash);
    while (g.rows[i] != null) {
      i = (i + 1) & mask;
    }
    g.rows[i] = r;
  }

  // ---- walks ----

  /** What a walk over a column does per entry. */
  @FunctionalInterface
  interface EntryVisitor {
    void visit(Object key, Object value) throws java.io.IOException;
  }

  /**
   * Visits the column's entries in a key group's slot array as a {@link Capture} holds it (any
   * thread: the capture keeps it unchanged).
   */
  static void forEach(Row[] rows, int column, EntryVisitor visitor) throws java.io.IOException {
    if (rows == null) {
      return;
    }
    for (Row r : rows) {
      if (r != null) {
        Object v = r.get(column);
        if (v != null) {
          visitor.visit(r.key(), v);
        }
      }
    }
  }

  void forEachValue(int column, Consumer<Object> action) {
    for (Group g : groups) {
      if (g != null) {
        for (Row r : g.rows) {
          if (r != null) {
            Object v = r.get(column);
            if (v != null) {
              action.accept(v);
            }
          }
        }
      }
    }
  }

  /**
   * A copy of the keys with a value in the column, so the caller may change the table meanwhile.
   */
  List<Object> keys(int column) {
    List<Object> out = new ArrayList<>(columnSizes[column]);
    for (Group g : groups) {
      if (g != null) {
        for (Row r : g.rows) {
          if (r != null && r.get(column) != null) {
            out.add(r.key());
          }
        }
      }
    }
    return out;
  }

  int size(int column) {
    return columnSizes[column];
  }

  // ---- incremental cleanup (time to live) ----

  /** Where a column's cleanup goes on from: per column, the group, slot and group version. */
  private int[][] cursors = new int[0][];

  /** What the cleanup keeps of a stored value. */
  @FunctionalInterface
  interface Pruner {
    /**
     * The value to keep: {@code stored} itself when nothing in it expired, a new value without what
     * expired (never {@code stored} changed in place: a capture may share it), or null when all of
     * it expired.
     */
    Object prune(Object stored);
  }

  /**
   * Examines up to {@code n} values of the column (at most as many as it holds, so a call looks at
   * a value once), continuing where the last call stopped and cycling through the key groups, and
   * replaces each by what {@code pruner} keeps of it (removing it when nothing). A table rebuilt
   * since the last call is walked again from its start.
   */
  void cleanupStep(int column, int n, Pruner pruner) {
    if (column >= cursors.length) {
      cursors = java.util.Arrays.copyOf(cursors, column + 1);
    }
    int[] c = cursors[column];
    if (c == null) {
      c = new int[] {0, 0, 0};
      cursors[column] = c;
    }
    if (columnSizes[column] == 0) {
      return;
    }
    n = Math.min(n, columnSizes[column]);
    int examined = 0;
    // Rows without a value of this column cost steps too: bound the walk of one call.
    int steps = 8 * n + 2 * groups.length;
    while (examined < n && steps-- > 0) {
      Group g = groups[c[0]];
      if (g == null || g.size == 0 || c[1] >= g.rows.length) {
        c[0] = c[0] + 1 == groups.length ? 0 : c[0] + 1;
        c[1] = 0;
        c[2] = groups[c[0]] == null ? 0 : groups[c[0]].version;
        continue;
      }
      if (g.version != c[2]) {
        c[1] = 0;
        c[2] = g.version;
      }
      Row r = g.rows[c[1]];
      Object v = r == null ? null : r.get(column);
      if (v == null) {
        c[1]++;
        continue;
      }
      examined++;
      Object kept = pruner.prune(v);
      if (kept == null) {
        // a removed row lets a later row of its probe run shift into this slot: look again
        if (!clear(r, column, c[0]) || g.version != c[2]) {
          c[1]++;
        }
      } else {
        if (kept != v) {
          set(r, c[0], column, kept);
        }
        c[1]++;
      }
    }
  }
}
