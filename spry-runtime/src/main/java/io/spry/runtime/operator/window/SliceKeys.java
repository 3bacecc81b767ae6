package io.spry.runtime.operator.window;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * For each live slice of a {@link SlicingWindowOperator}, the keys that hold it, in the order they
 * created it. A key is in a slice's list once: it joins when its first record of the slice creates
 * the slice in its map, and the list goes when the slice retires from every key. Records arrive
 * mostly in time order, so the list of the last slice asked for is kept at hand.
 *
 * <p>Each entry also keeps the start of the key's latest slice before this one when it joined: a
 * window pass walks the lists of the window's slices and must handle each key once, at its first
 * slice in the window; an entry whose earlier slice is in the window is not that, and the pass
 * skips it without reading the key's state (the earlier slice is still held: slices retire only
 * when their last window is cleaned up).
 */
final class SliceKeys {
  /**
   * The keys of one slice, each with the key's slice map as it was when the key joined (null when
   * unknown: on a backend that keeps values by reference, that is the map the state holds, so a
   * window pass reads it without a state lookup) and the start of the key's latest earlier slice
   * then ({@code Long.MIN_VALUE}: none).
   */
  static final class KeyList {
    private Object[] keys = new Object[8];
    private SliceMap[] maps = new SliceMap[8];
    private long[] earlier = new long[8];
    private int size;

    void add(Object key, SliceMap map, long earlierSlice) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        maps = Arrays.copyOf(maps, size * 2);
        earlier = Arrays.copyOf(earlier, size * 2);
      }
      keys[size] = key;
      earlier[size] = earlierSlice;
      maps[size++] = map;
    }

    Object get(int i) {
      return keys[i];
    }

    /** The map the key had when it joined, or null. */
    SliceMap map(int i) {
      return maps[i];
    }

    /**
     * The start of the key's latest slice before this one when it joined, or {@code
     * Long.MIN_VALUE}. A slice made later out of order may lie between them.
     */
    long earlier(int i) {
      return earlier[i];
    }

    int size() {
      return size;
    }
  }

  private final TreeMap<Long, KeyList> lists = new TreeMap<>();
  private long lastSlice;
  private KeyList lastList; // null: nothing at hand

  /** The keys of the slice starting at {@code slice}, or null when no key holds it. */
  KeyList get(long slice) {
    if (lastList != null && lastSlice == slice) {
      return lastList;
    }
    KeyList l = lists.get(slice);
    if (l != null) {
      lastSlice = slice;
      lastList = l;
    }
    return l;
  }

  /** A new, empty list for the slice starting at {@code slice} (which has none). */
  KeyList create(long slice) {
    KeyList l = new KeyList();
    if (lists.putIfAbsent(slice, l) != null) {
      throw new IllegalStateException("Slice " + slice + " has a key list already");
    }
    lastSlice = slice;
    lastList = l;
    return l;
  }

  /** The starts of the slices with a list in {@code [from, to)}, in order. */
  long[] startsIn(long from, long to) {
    return lists.subMap(from, true, to, false).keySet().stream()
        .mapToLong(Long::longValue)
        .toArray();
  }

  /** Drops the lists of these slices. */
  void removeAll(long[] slices) {
    for (long s : slices) {
      lists.remove(s);
      if (lastList != null && lastSlice == s) {
        lastList = null;
      }
    }
  }

  /** Forgets the maps every list keeps: passes look those keys up again. */
  void forgetMaps() {
    for (KeyList l : lists.values()) {
      Arrays.fill(l.maps, 0, l.size, null);
    }
  }

  /** The number of slices with a list. */
  int size() {
    return lists.size();
  }
}
