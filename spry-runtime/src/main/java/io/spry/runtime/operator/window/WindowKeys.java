package io.spry.runtime.operator.window;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * For each window of a {@link SlicingWindowOperator} still to fire or to clean up, the keys that
 * hold a slice in it, each once: a key joins when it creates its first slice in the window, and the
 * list goes when the window is cleaned up. A window pass walks one list and meets each key once,
 * however many of the window's slices the key holds. Records arrive mostly in time order, so the
 * list last asked for is kept at hand.
 */
final class WindowKeys {
  /**
   * The keys of one window, each with the key's slice map as it was when the key joined (null when
   * unknown): on a backend that keeps values by reference, that is the map the state holds, so a
   * window pass reads it without a state lookup.
   */
  static final class KeyList {
    private Object[] keys = new Object[8];
    private SliceMap[] maps = new SliceMap[8];
    private int size;

    void add(Object key, SliceMap map) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        maps = Arrays.copyOf(maps, size * 2);
      }
      keys[size] = key;
      maps[size++] = map;
    }

    Object get(int i) {
      return keys[i];
    }

    /** The map the key had when it joined, or null. */
    SliceMap map(int i) {
      return maps[i];
    }

    int size() {
      return size;
    }
  }

  private final TreeMap<Long, KeyList> lists = new TreeMap<>();
  private long lastWindow;
  private KeyList lastList; // null: nothing at hand

  /** The keys of the window starting at {@code window}, or null when it has no list. */
  KeyList get(long window) {
    if (lastList != null && lastWindow == window) {
      return lastList;
    }
    KeyList l = lists.get(window);
    if (l != null) {
      lastWindow = window;
      lastList = l;
    }
    return l;
  }

  /** A new, empty list for the window starting at {@code window} (which has none). */
  KeyList create(long window) {
    KeyList l = new KeyList();
    if (lists.putIfAbsent(window, l) != null) {
      throw new IllegalStateException("Window " + window + " has a key list already");
    }
    lastWindow = window;
    lastList = l;
    return l;
  }

  /** Drops the list of the window starting at {@code window}. */
  void remove(long window) {
    lists.remove(window);
    if (lastList != null && lastWindow == window) {
      lastList = null;
    }
  }

  /** Forgets the maps every list keeps: passes look those keys up again. */
  void forgetMaps() {
    for (KeyList l : lists.values()) {
      Arrays.fill(l.maps, 0, l.size, null);
    }
  }

  /** The number of windows with a list. */
  int size() {
    return lists.size();
  }
}
