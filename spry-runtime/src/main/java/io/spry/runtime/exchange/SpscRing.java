package io.spry.runtime.exchange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer ring of (object, timestamp) slots: the channel between
 * one producing subtask and one consuming subtask on the same JVM.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Threads.</b> Exactly one thread produces ({@link #offer}, {@link #publish}) and exactly
 *       one consumes ({@link #available}, {@link #item}, {@link #timestamp}, {@link #release}) at a
 *       time. Tasklets may move between calls, but a tasklet is never run by two threads at once,
 *       and hand-overs go through the worker's own synchronisation.
 *   <li><b>Batches without batch objects.</b> The producer writes slots and makes them visible with
 *       one release-store of {@code tail} per batch ({@link #publish}); the consumer reads a run of
 *       slots and frees them with one release-store of {@code head} ({@link #release}). So the cost
 *       of the memory fences is paid per batch, not per record, and no batch object is allocated.
 *   <li><b>Timestamps beside records.</b> A record's event timestamp lives in a parallel {@code
 *       long[]}, so no wrapper object is made per record.
 *   <li><b>Control events in-band.</b> Watermarks, barriers and end-of-input are {@link
 *       ControlEvent} objects in the record slots, so they stay in order with the records.
 *   <li><b>Backpressure.</b> {@link #offer} returns false when the ring is full; the producer must
 *       keep the record and retry later. Nothing here blocks.
 *   <li><b>False sharing.</b> {@code head} and {@code tail} are padded onto separate cache lines;
 *       the producer caches the consumer's index and re-reads it only when the ring seems full; the
 *       consumer reads the producer's index once per batch.
 * </ul>
 */
public final class SpscRing extends SpscRingFields {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(SpscRingHead.class, "head", long.class);
      TAIL = l.findVarHandle(SpscRingTail.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] items;
  private final long[] timestamps;
  private final int mask;
  private final String name;

  /**
   * @param capacity the number of slots, rounded up to a power of two
   * @param name for diagnostics, e.g. {@code "Map (1/2) -> Sink (2/2)"}
   */
  public SpscRing(int capacity, String name) {
    int c = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
    this.items = new Object[c];
    this.timestamps = new long[c];
    this.mask = c - 1;
    this.name = name;
  }

  public int capacity() {
    return items.length;
  }

  // ---- producer side ----

  /**
   * Writes one slot, not yet visible to the consumer.
   *
   * @return false when the ring is full: keep the item and retry after {@link #publish}
   */
  public boolean offer(Object item, long timestamp) {
    long t = producerTail;
    if (t - producerCachedHead >= items.length) {
      producerCachedHead = (long) HEAD.getAcquire(this);
      if (t - producerCachedHead >= items.length) {
        return false;
      }
    }
    int i = (int) t & mask;
    items[i] = item;
    timestamps[i] = timestamp;
    producerTail = t + 1;
    return true;
  }

  /** Makes every slot written so far visible to the consumer. */
  public void publish() {
    if (producerTail != publishedTail) {
      publishedTail = producerTail;
      TAIL.setRelease(this, producerTail);
    }
  }

  // ---- consumer side ----

  /** The number of slots the consumer can read now, from {@code item(0)}. */
  public int available() {
    return (int) ((long) TAIL.getAcquire(this) - consumerHead);
  }

  /** The item {@code offset} slots after the consumer's position; {@code offset < available()}. */
  public Object item(int offset) {
    return items[(int) (consumerHead + offset) & mask];
  }

  public long timestamp(int offset) {
    return timestamps[(int) (consumerHead + offset) & mask];
  }

  /** Frees the first {@code n} readable slots (dropping their references) for the producer. */
  public void release(int n) {
    long h = consumerHead;
    for (int k = 0; k < n; k++) {
      items[(int) (h + k) & mask] = null;
    }
    consumerHead = h + n;
    HEAD.setRelease(this, h + n);
  }

  /** Whether the consumer has read everything published. */
  public boolean isEmpty() {
    return available() == 0;
  }

  /** Slots used, as seen from any thread (approximate while the ring is in use). */
  public int size() {
    return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this));
  }

  @Override
  public String toString() {
    return "SpscRing(" + name + ", " + size() + "/" + capacity() + ")";
  }
}

/** Padding before the consumer's index. */
abstract class SpscRingPad0 {
  long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The consumer's published index: slots before it are free. */
abstract class SpscRingHead extends SpscRingPad0 {
  volatile long head;
  long consumerHead;
}

/** Padding between the two sides. */
abstract class SpscRingPad1 extends SpscRingHead {
  long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The producer's published index: slots before it hold items. */
abstract class SpscRingTail extends SpscRingPad1 {
  volatile long tail;
  long producerTail;
  long publishedTail;
  long producerCachedHead;
}

/** Padding after the producer's fields. */
abstract class SpscRingFields extends SpscRingTail {
  long p20, p21, p22, p23, p24, p25, p26, p27;
}
