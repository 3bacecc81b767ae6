package io.spry.runtime.state.heap;

import io.spry.runtime.state.KeyGroupRange;
import java.util.HashMap;

/**
 * One state's values on the heap: a hash map per key group, created on first use. Per-key-group
 * maps make snapshots and rescaling per key group cheap: a snapshot writes each map as one key
 * group's block.
 */
final class StateTable<V> {
  private final KeyGroupRange range;
  private final HashMap<Object, V>[] maps;

  @SuppressWarnings({"unchecked", "rawtypes"})
  StateTable(KeyGroupRange range) {
    this.range = range;
    this.maps = new HashMap[range.size()];
  }

  /** The map of one key group (by its index in the range), or null. */
  HashMap<Object, V> mapAt(int index) {
    return maps[index];
  }

  V get(int keyGroup, Object key) {
    HashMap<Object, V> m = maps[keyGroup - range.start()];
    return m == null ? null : m.get(key);
  }

  void put(int keyGroup, Object key, V value) {
    int i = keyGroup - range.start();
    HashMap<Object, V> m = maps[i];
    if (m == null) {
      m = new HashMap<>();
      maps[i] = m;
    }
    m.put(key, value);
  }

  void remove(int keyGroup, Object key) {
    HashMap<Object, V> m = maps[keyGroup - range.start()];
    if (m != null) {
      m.remove(key);
    }
  }

  /** A copy of the keys, so that the caller may change the table while going through them. */
  java.util.List<Object> keys() {
    java.util.List<Object> out = new java.util.ArrayList<>();
    for (HashMap<Object, V> m : maps) {
      if (m != null) {
        out.addAll(m.keySet());
      }
    }
    return out;
  }

  private int cleanupGroup;
  private java.util.Iterator<java.util.Map.Entry<Object, V>> cleanupCursor;

  /**
   * Examines up to {@code n} entries, continuing where the last call stopped and cycling through
   * the key groups, and removes those {@code expired} says are gone (incremental TTL cleanup). A
   * cursor broken by a change to its map since the last call starts that map again.
   */
  void cleanupStep(int n, java.util.function.Predicate<V> expired) {
    for (int examined = 0, emptyGroups = 0; examined < n && emptyGroups <= maps.length; ) {
      if (cleanupCursor == null) {
        HashMap<Object, V> m = maps[cleanupGroup];
        cleanupGroup = cleanupGroup + 1 == maps.length ? 0 : cleanupGroup + 1;
        if (m == null || m.isEmpty()) {
          emptyGroups++;
          continue;
        }
        cleanupCursor = m.entrySet().iterator();
      }
      try {
        if (!cleanupCursor.hasNext()) {
          cleanupCursor = null;
          continue;
        }
        java.util.Map.Entry<Object, V> e = cleanupCursor.next();
        examined++;
        if (expired.test(e.getValue())) {
          cleanupCursor.remove();
        }
      } catch (java.util.ConcurrentModificationException e) {
        cleanupCursor = null;
        examined++;
      }
    }
  }

  void forEachValue(java.util.function.Consumer<V> action) {
    for (HashMap<Object, V> m : maps) {
      if (m != null) {
        m.values().forEach(action);
      }
    }
  }

  int size() {
    int n = 0;
    for (HashMap<Object, V> m : maps) {
      n += m == null ? 0 : m.size();
    }
    return n;
  }
}
