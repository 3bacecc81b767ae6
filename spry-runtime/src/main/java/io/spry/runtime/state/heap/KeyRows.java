package io.spry.runtime.state.heap;

import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyHashing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
 * after a multiplication (the key group used its low bits). Deletion shifts the rest of the probe
 * run back (no tombstones); a row goes when its last value goes; a large table halves when less
 * than a sixteenth full, so a burst of keys does not leave a big sparse table behind.
 *
 * <p>Per key group tables keep snapshots per key group cheap: a snapshot walks one group's table.
 * Used by the task's thread only.
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
    final Object key;
    final int hash;

    /** The key's value when it is a {@code Long}, compared without reading the key object. */
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

    Row(Object key, int hash) {
      this.key = key;
      this.hash = hash;
      this.isLongKey = key instanceof Long;
      this.longKey = isLongKey ? (Long) key : 0;
    }

    boolean is(Object k) {
      if (k == key) {
        return true;
      }
      if (k instanceof Long l) {
        return isLongKey && longKey == l;
      }
      return key.equals(k);
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

    int home(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }
  }

  private final KeyGroupRange range;
  private final Group[] groups;

  /** Live values per column, over all key groups. */
  private int[] columnSizes = new int[4];

  private int columns;

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

  /** A new column, for a new state. */
  int addColumn() {
    if (columns == columnSizes.length) {
      columnSizes = java.util.Arrays.copyOf(columnSizes, columns * 2);
    }
    return columns++;
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

  /** A column of the current key, or null. */
  Object getCurrent(int column) {
    Row r = current(false);
    return r == null ? null : r.get(column);
  }

  /** Sets a column of the current key (not to null). */
  void setCurrent(int column, Object value) {
    set(current(true), column, value);
  }

  /** Removes a column of the current key. */
  void removeCurrent(int column) {
    Row r = current(false);
    if (r != null) {
      clear(r, column, currentIndex);
    }
  }

  // ---- any key ----

  /** The row of a key in the group at {@code index} (of the range), made if asked; or null. */
  Row row(int index, Object key, int hash, boolean create) {
    Group g = groups[index];
    if (g == null) {
      if (!create) {
        return null;
      }
      g = new Group();
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
    Row r = new Row(key, hash);
    currentLooked = false; // it may be the current key's: look it up again
    if (2 * (g.size + 1) > rows.length) {
      rebuild(g, rows.length * 2);
      insert(g, r);
    } else {
      rows[i] = r;
    }
    g.size++;
    return r;
  }

  Object get(int keyGroup, Object key, int column) {
    Row r = row(keyGroup - range.start(), key, KeyHashing.hash(key), false);
    return r == null ? null : r.get(column);
  }

  void put(int keyGroup, Object key, int column, Object value) {
    set(row(keyGroup - range.start(), key, KeyHashing.hash(key), true), column, value);
  }

  void remove(int keyGroup, Object key, int column) {
    int index = keyGroup - range.start();
    Row r = row(index, key, KeyHashing.hash(key), false);
    if (r != null) {
      clear(r, column, index);
    }
  }

  private void set(Row r, int column, Object value) {
    if (r.put(column, value) == null) {
      r.count++;
      columnSizes[column]++;
    }
  }

  /** Clears a column of a row in the group at {@code index}; an empty row leaves its table. */
  private void clear(Row r, int column, int index) {
    if (r.put(column, null) != null) {
      columnSizes[column]--;
      if (--r.count == 0) {
        removeRow(r, index);
      }
    }
  }

  /** Takes an empty row out of the table of the group at {@code index}. */
  private void removeRow(Row r, int index) {
    Group g = groups[index];
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
    r.detached = true;
    if (r == currentRow) {
      currentRow = null; // the current key has no row now
    }
    if (rows.length > SHRINK_ABOVE && 16 * g.size < rows.length) {
      rebuild(g, rows.length / 2); // an eighth full at most: far from growing again
    }
  }

  private static void rebuild(Group g, int capacity) {
    Row[] old = g.rows;
    g.rows = new Row[capacity];
    g.shift = 32 - Integer.numberOfTrailingZeros(capacity);
    g.version++;
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

  /** Whether the group at {@code index} holds any value of the column. */
  boolean hasAny(int index, int column) {
    Group g = groups[index];
    if (g == null || g.size == 0) {
      return false;
    }
    for (Row r : g.rows) {
      if (r != null && r.get(column) != null) {
        return true;
      }
    }
    return false;
  }

  /** Visits the column's entries in the group at {@code index}; the table must not change. */
  void forEach(int index, int column, EntryVisitor visitor) throws java.io.IOException {
    Group g = groups[index];
    if (g == null) {
      return;
    }
    for (Row r : g.rows) {
      if (r != null) {
        Object v = r.get(column);
        if (v != null) {
          visitor.visit(r.key, v);
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
            out.add(r.key);
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

  /**
   * Examines up to {@code n} values of the column, continuing where the last call stopped and
   * cycling through the key groups, and removes those {@code expired} says are gone (it may also
   * change a value in place, e.g. drop a list's expired elements). A table rebuilt since the last
   * call is walked again from its start.
   */
  void cleanupStep(int column, int n, Predicate<Object> expired) {
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
      if (expired.test(v)) {
        clear(r, column, c[0]); // may shift a later row into this slot: look at it again
        if (g.version != c[2] || !r.detached) {
          c[1]++;
        }
      } else {
        c[1]++;
      }
    }
  }
}
