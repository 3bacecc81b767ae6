package io.spry.nexmark.loops;

import java.util.Arrays;

/** Counts per long key, in open addressing: no boxing, no node per entry. Keys must not be MIN. */
final class LongCounts {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private long[] counts;
  private int size;

  LongCounts() {
    this(64);
  }

  private LongCounts(int capacity) {
    keys = new long[capacity];
    counts = new long[capacity];
    Arrays.fill(keys, EMPTY);
  }

  void add(long key, long n) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = key;
      size++;
    }
    counts[i] += n;
  }

  void addAll(LongCounts other) {
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != EMPTY) {
        add(other.keys[i], other.counts[i]);
      }
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The number of keys. */
  int size() {
    return size;
  }

  /** How many keys have exactly {@code count}. */
  int keysWith(long count) {
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY && counts[i] == count) {
        n++;
      }
    }
    return n;
  }

  long max() {
    long max = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY && counts[i] > max) {
        max = counts[i];
      }
    }
    return max;
  }

  interface Visitor {
    void visit(long key, long count);
  }

  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visitor.visit(keys[i], counts[i]);
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        add(oldKeys[i], oldCounts[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
