package io.spry.runtime.operator.timer;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The timers of one time domain of one operator: a 4-ary min-heap by timestamp, and an index that
 * makes registering idempotent and deleting one lookup (a deleted timer stays in the heap, marked,
 * until it reaches the top). Used by the task's thread only.
 *
 * <p>The index is an open-addressing hash table with linear probing over two parallel arrays, the
 * timers and their hash codes (which each {@link Timer} computes once): a lookup compares hash
 * codes in an {@code int[]} and reads a timer only when they match, a lookup of an absent timer
 * allocates nothing, and removing a timer that fired finds its slot by identity, without calling
 * {@code hashCode} or {@code equals} on its key or namespace. Deletion shifts the rest of the probe
 * run back (no tombstones), so lookups stay short however many timers come and go.
 *
 * <p>One heap per operator is enough for snapshots by key group: the key decides a timer's group,
 * so a snapshot groups timers as it writes them.
 */
public final class TimerQueue<K, N> {
  private static final int INITIAL_INDEX_CAPACITY = 16;

  // ---- the index ----

  @SuppressWarnings("unchecked")
  private Timer<K, N>[] slots = new Timer[INITIAL_INDEX_CAPACITY];

  private int[] hashes = new int[INITIAL_INDEX_CAPACITY];

  /** Registered timers: those in the index. */
  private int count;

  // ---- the heap ----

  @SuppressWarnings("unchecked")
  private Timer<K, N>[] heap = new Timer[16];

  private long[] times = new long[16];

  /** Heap entries, including removed timers not yet dropped from the top. */
  private int heapSize;

  // ---- the run (see takeDue) ----

  /** Due timers taken off the heap, still registered; those from {@code runNext} wait to fire. */
  private Timer<K, N>[] run = newArray(0);

  private int runNext;
  private int runEnd;

  /** The earliest timestamp of the timers added since the run was taken. */
  private long addedSinceRun = Long.MAX_VALUE;

  /** Whether a timer equal to {@code (timestamp, key, namespace)} is registered. */
  public boolean contains(long timestamp, K key, N namespace) {
    return find(Timer.hash(timestamp, key, namespace), timestamp, key, namespace) >= 0;
  }

  /**
   * Adds {@code (timestamp, key, namespace)} unless an equal timer is registered, making the timer
   * only then; true if added.
   */
  public boolean add(long timestamp, K key, N namespace) {
    int h = Timer.hash(timestamp, key, namespace);
    int i = find(h, timestamp, key, namespace);
    if (i >= 0) {
      return false;
    }
    insert(new Timer<>(timestamp, key, namespace, h), -1 - i);
    return true;
  }

  /** Adds a timer unless an equal one is registered; true if added. */
  public boolean add(Timer<K, N> timer) {
    int i = find(timer.hashCode(), timer.timestamp(), timer.key(), timer.namespace());
    if (i >= 0) {
      return false;
    }
    if (timer.deleted) {
      // a deleted timer may still sit in the heap: register a fresh one
      timer = new Timer<>(timer.timestamp(), timer.key(), timer.namespace(), timer.hashCode());
    }
    insert(timer, -1 - i);
    return true;
  }

  /**
   * Removes the timer equal to {@code (timestamp, key, namespace)} if registered; true if removed.
   * The heap entry is only marked and is dropped when it reaches the top.
   */
  public boolean remove(long timestamp, K key, N namespace) {
    int i = find(Timer.hash(timestamp, key, namespace), timestamp, key, namespace);
    if (i < 0) {
      return false;
    }
    slots[i].deleted = true;
    deleteSlot(i);
    return true;
  }

  /** Removes the equal timer if registered; true if removed. */
  public boolean remove(Timer<K, N> timer) {
    return remove(timer.timestamp(), timer.key(), timer.namespace());
  }

  /** The earliest timer, or null. */
  public Timer<K, N> peek() {
    putBackRun();
    dropDeletedTop();
    return heapSize == 0 ? null : heap[0];
  }

  /** Removes and returns the earliest timer if it is due at {@code time}, else null. */
  public Timer<K, N> pollDue(long time) {
    while (runNext < runEnd) {
      Timer<K, N> t = run[runNext];
      if (addedSinceRun < t.timestamp()) {
        putBackRun(); // a timer added meanwhile comes before the rest of the run
        break;
      }
      if (!t.deleted) {
        if (t.timestamp() > time) {
          return null; // the earliest timer: the heap's are no earlier
        }
        run[runNext++] = null;
        deleteSlot(slotOf(t));
        return t;
      }
      run[runNext++] = null;
    }
    while (heapSize > 0 && times[0] <= time) {
      Timer<K, N> t = popTop();
      if (!t.deleted) {
        deleteSlot(slotOf(t));
        return t;
      }
    }
    return null;
  }

  // ---- runs of due timers ----

  /**
   * Takes up to {@code max} of the earliest timers due at {@code time} off the heap, in order, and
   * writes their keys to {@code keys}; returns how many. They stay registered, and {@link #pollDue}
   * returns them next, one at a time, as it would have from the heap: so the caller knows the keys
   * of the next timers before they fire, to prefetch their state. Until the last is polled, a timer
   * of the run may be removed (it is then skipped) or registered again (which adds nothing, as for
   * any registered timer); a timer added earlier than the rest of the run sends the rest back to
   * the heap, so timers still fire in timestamp order. {@link #peek} also sends it back.
   */
  public int takeDue(long time, Object[] keys, int max) {
    putBackRun();
    if (run.length < max) {
      run = newArray(max);
    }
    int n = 0;
    while (n < max && heapSize > 0 && times[0] <= time) {
      Timer<K, N> t = popTop();
      if (!t.deleted) {
        run[n] = t;
        keys[n++] = t.key();
      }
    }
    runNext = 0;
    runEnd = n;
    addedSinceRun = Long.MAX_VALUE;
    return n;
  }

  /** Returns the run's timers not yet polled to the heap. */
  public void putBackRun() {
    for (int i = runNext; i < runEnd; i++) {
      Timer<K, N> t = run[i];
      run[i] = null;
      if (!t.deleted) {
        pushHeap(t);
      }
    }
    runNext = runEnd = 0;
  }

  @SuppressWarnings("unchecked")
  private static <K, N> Timer<K, N>[] newArray(int n) {
    return new Timer[n];
  }

  /** The number of registered timers. */
  public int size() {
    return count;
  }

  /**
   * Every registered timer, in no particular order (for snapshots and tests). The queue must not
   * change while the result is in use.
   */
  public Iterable<Timer<K, N>> all() {
    return () ->
        new Iterator<>() {
          private int i = advance(0);

          private int advance(int from) {
            while (from < slots.length && slots[from] == null) {
              from++;
            }
            return from;
          }

          @Override
          public boolean hasNext() {
            return i < slots.length;
          }

          @Override
          public Timer<K, N> next() {
            if (i >= slots.length) {
              throw new NoSuchElementException();
            }
            Timer<K, N> t = slots[i];
            i = advance(i + 1);
            return t;
          }
        };
  }

  /**
   * A copy of the index's slots: every registered timer, in no particular order, with nulls
   * between. One array copy, so a snapshot can take it at the barrier and read it later on another
   * thread (a timer's key, namespace and timestamp never change).
   */
  public Object[] copyOfSlots() {
    return slots.clone();
  }

  // ---- the index ----

  /**
   * The slot of the timer equal to {@code (timestamp, key, namespace)}, whose hash is {@code h};
   * else {@code -1 - s} where {@code s} is the free slot that ends its probe run.
   */
  private int find(int h, long timestamp, Object key, Object namespace) {
    Timer<K, N>[] s = slots;
    int[] hs = hashes;
    int mask = s.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Timer<K, N> t = s[i];
      if (t == null) {
        return -1 - i;
      }
      if (hs[i] == h && t.is(timestamp, key, namespace)) {
        return i;
      }
    }
  }

  /** The slot that holds this very timer (it must be registered). */
  private int slotOf(Timer<K, N> timer) {
    Timer<K, N>[] s = slots;
    int mask = s.length - 1;
    int i = timer.hashCode() & mask;
    while (s[i] != timer) {
      if (s[i] == null) {
        throw new IllegalStateException("Timer " + timer + " is in the heap but not the index");
      }
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Puts a new timer into free slot {@code free} of the index, and into the heap. */
  private void insert(Timer<K, N> timer, int free) {
    if (2 * (count + 1) > slots.length) {
      growIndex();
      free = -1 - find(timer.hashCode(), timer.timestamp(), timer.key(), timer.namespace());
    }
    slots[free] = timer;
    hashes[free] = timer.hashCode();
    count++;
    if (timer.timestamp() < addedSinceRun) {
      addedSinceRun = timer.timestamp();
    }
    pushHeap(timer);
  }

  private void pushHeap(Timer<K, N> timer) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
      times = Arrays.copyOf(times, heapSize * 2);
    }
    siftUp(heapSize++, timer, timer.timestamp());
  }

  /** Empties slot {@code i}, moving later entries of its probe run back into the hole. */
  private void deleteSlot(int i) {
    Timer<K, N>[] s = slots;
    int[] hs = hashes;
    int mask = s.length - 1;
    count--;
    int hole = i;
    for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = hs[j] & mask;
      // the entry at j may move to the hole if its home is not in (hole, j]
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        s[hole] = s[j];
        hs[hole] = hs[j];
        hole = j;
      }
    }
    s[hole] = null;
  }

  @SuppressWarnings("unchecked")
  private void growIndex() {
    Timer<K, N>[] oldSlots = slots;
    int[] oldHashes = hashes;
    int capacity = oldSlots.length * 2;
    Timer<K, N>[] s = new Timer[capacity];
    int[] hs = new int[capacity];
    int mask = capacity - 1;
    for (int k = 0; k < oldSlots.length; k++) {
      Timer<K, N> t = oldSlots[k];
      if (t != null) {
        int i = oldHashes[k] & mask;
        while (s[i] != null) {
          i = (i + 1) & mask;
        }
        s[i] = t;
        hs[i] = oldHashes[k];
      }
    }
    slots = s;
    hashes = hs;
  }

  // ---- the heap ----

  private void dropDeletedTop() {
    while (heapSize > 0 && heap[0].deleted) {
      popTop();
    }
  }

  private Timer<K, N> popTop() {
    Timer<K, N> top = heap[0];
    int last = --heapSize;
    if (last > 0) {
      siftDown(0, heap[last], times[last]);
    }
    heap[last] = null;
    return top;
  }

  // The heap is 4-ary and compares timestamps in a parallel long[]: sifting reads one array, not
  // the timers, and a node's four children share a cache line of it, so a heap of 100,000 timers
  // is 9 levels deep instead of 17 (most of a sift's cost is the levels that miss the cache).

  private void siftUp(int i, Timer<K, N> t, long ts) {
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (times[parent] <= ts) {
        break;
      }
      heap[i] = heap[parent];
      times[i] = times[parent];
      i = parent;
    }
    heap[i] = t;
    times[i] = ts;
  }

  private void siftDown(int i, Timer<K, N> t, long ts) {
    int n = heapSize;
    while (true) {
      int first = 4 * i + 1;
      if (first >= n) {
        break;
      }
      int child = first;
      long min = times[first];
      int end = Math.min(first + 4, n);
      for (int c = first + 1; c < end; c++) {
        if (times[c] < min) {
          min = times[c];
          child = c;
        }
      }
      if (ts <= min) {
        break;
      }
      heap[i] = heap[child];
      times[i] = min;
      i = child;
    }
    heap[i] = t;
    times[i] = ts;
  }
}
