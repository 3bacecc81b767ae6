package io.spry.runtime.operator.timer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The timers of one time domain of one operator: a binary min-heap by timestamp with a hash index,
 * so that registering is idempotent and deleting is O(log n). Used by the task's thread only.
 *
 * <p>One heap per operator is enough even for snapshots by key group (not written yet): the key
 * decides a timer's group, so a snapshot can group timers as it writes them.
 */
public final class TimerQueue<K, N> {
  private final Map<Object, Timer<K, N>> index = new HashMap<>();

  @SuppressWarnings("unchecked")
  private Timer<K, N>[] heap = new Timer[16];

  private int size;

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
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = timer;
    timer.heapIndex = size;
    siftUp(size++);
    return true;
  }

  /** Removes the equal timer if registered; true if removed. */
  public boolean remove(Timer<K, N> timer) {
    Timer<K, N> t = index.remove(timer);
    if (t == null) {
      return false;
    }
    int i = t.heapIndex;
    size--;
    if (i != size) {
      heap[i] = heap[size];
      heap[i].heapIndex = i;
      heap[size] = null;
      siftDown(i);
      siftUp(heap[i].heapIndex);
    } else {
      heap[size] = null;
    }
    t.heapIndex = -1;
    return true;
  }

  /** The earliest timer, or null. */
  public Timer<K, N> peek() {
    return size == 0 ? null : heap[0];
  }

  /** Removes and returns the earliest timer if it is due at {@code time}, else null. */
  public Timer<K, N> pollDue(long time) {
    if (size == 0 || heap[0].timestamp() > time) {
      return null;
    }
    Timer<K, N> t = heap[0];
    remove(t);
    return t;
  }

  public int size() {
    return size;
  }

  /** Every timer, in no particular order (for snapshots and tests). */
  public Iterable<Timer<K, N>> all() {
    return index.values();
  }

  private void siftUp(int i) {
    Timer<K, N> t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Timer<K, N> p = heap[parent];
      if (p.timestamp() <= t.timestamp()) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private void siftDown(int i) {
    Timer<K, N> t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].timestamp() < heap[child].timestamp()) {
        child = right;
      }
      if (t.timestamp() <= heap[child].timestamp()) {
        break;
      }
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = t;
    t.heapIndex = i;
  }
}
