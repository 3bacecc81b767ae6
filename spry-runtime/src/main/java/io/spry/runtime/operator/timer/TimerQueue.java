package io.spry.runtime.operator.timer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The timers of one time domain of one operator: a binary min-heap by timestamp with a hash index,
 * so that registering is idempotent and deleting is one hash lookup (a deleted timer stays in the
 * heap, marked, until it reaches the top). Used by the task's thread only.
 *
 * <p>One heap per operator is enough even for snapshots by key group (not written yet): the key
 * decides a timer's group, so a snapshot can group timers as it writes them.
 */
public final class TimerQueue<K, N> {
  private final Map<Object, Timer<K, N>> index = new HashMap<>();

  @SuppressWarnings("unchecked")
  private Timer<K, N>[] heap = new Timer[16];

  private long[] times = new long[16];

  /** Heap entries, including removed timers not yet dropped from the top. */
  private int heapSize;

  /** A reusable lookup key, so asking for a timer that is already registered allocates nothing. */
  private final Probe probe = new Probe();

  /** Whether a timer equal to {@code (timestamp, key, namespace)} is registered. */
  public boolean contains(long timestamp, K key, N namespace) {
    probe.timestamp = timestamp;
    probe.key = key;
    probe.namespace = namespace;
    try {
      return index.containsKey(probe);
    } finally {
      probe.key = null;
      probe.namespace = null;
    }
  }

  /** Looks like a {@link Timer} to the index: same hash code, equal to the timer it matches. */
  private static final class Probe {
    long timestamp;
    Object key;
    Object namespace;

    @Override
    public int hashCode() {
      return Timer.hash(timestamp, key, namespace);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Timer<?, ?> t
          && t.timestamp() == timestamp
          && t.key().equals(key)
          && t.namespace().equals(namespace);
    }
  }

  /** Adds a timer unless an equal one is registered; true if added. */
  public boolean add(Timer<K, N> timer) {
    if (index.putIfAbsent(timer, timer) != null) {
      return false;
    }
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
      times = Arrays.copyOf(times, heapSize * 2);
    }
    siftUp(heapSize++, timer, timer.timestamp());
    return true;
  }

  /**
   * Removes the equal timer if registered; true if removed. The heap entry is only marked and is
   * dropped when it reaches the top, so removal costs one hash lookup.
   */
  public boolean remove(Timer<K, N> timer) {
    Timer<K, N> t = index.remove(timer);
    if (t == null) {
      return false;
    }
    t.deleted = true;
    return true;
  }

  /** The earliest timer, or null. */
  public Timer<K, N> peek() {
    dropDeletedTop();
    return heapSize == 0 ? null : heap[0];
  }

  /** Removes and returns the earliest timer if it is due at {@code time}, else null. */
  public Timer<K, N> pollDue(long time) {
    while (heapSize > 0 && times[0] <= time) {
      Timer<K, N> t = popTop();
      if (!t.deleted) {
        index.remove(t);
        return t;
      }
    }
    return null;
  }

  /** The number of registered timers. */
  public int size() {
    return index.size();
  }

  /** Every timer, in no particular order (for snapshots and tests). */
  public Iterable<Timer<K, N>> all() {
    return index.values();
  }

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

  // The heap compares timestamps in a parallel long[]: sifting reads one array, not the timers.

  private void siftUp(int i, Timer<K, N> t, long ts) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
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
    int half = n >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < n && times[right] < times[child]) {
        child = right;
      }
      if (ts <= times[child]) {
        break;
      }
      heap[i] = heap[child];
      times[i] = times[child];
      i = child;
    }
    heap[i] = t;
    times[i] = ts;
  }
}
