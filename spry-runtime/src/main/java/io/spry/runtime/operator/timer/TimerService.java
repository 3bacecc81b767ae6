package io.spry.runtime.operator.timer;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyGroupedSnapshotPart;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Event-time and processing-time timers of a keyed operator, scoped to the backend's current key.
 * Timers fire in timestamp order: event-time ones when the watermark reaches them, processing-time
 * ones when the clock does; before each one fires the key context is set to the timer's key.
 *
 * <p>Timers are snapshotted with the keyed state: the service registers itself with the backend as
 * a {@link KeyGroupedSnapshotPart} under its name, so its timers are written into each key group's
 * block (grouped by their key's key group) and restored, at any parallelism, when a service of the
 * same name is created on a restored backend. The namespace serializer is made only for snapshots.
 *
 * <p>Where the timers live is the backend's choice ({@link KeyedStateBackend#createTimerStore}):
 * the heap backend keeps them here, in two {@link TimerQueue}s, called directly (no interface call
 * on its hot path); RocksDB may keep them in a {@link TimerStore} of its own, which then snapshots
 * them itself in the same format.
 *
 * @param <N> the namespace type (a window, or {@link VoidNamespace} for process functions)
 */
public final class TimerService<N> {

  /** What fires. */
  public interface Triggerable<N> {
    void onEventTime(Timer<Object, N> timer) throws Exception;

    void onProcessingTime(Timer<Object, N> timer) throws Exception;
  }

  private final KeyedStateBackend backend;
  private final Triggerable<N> target;
  // Either the two heap queues or the backend's store: one of them is null. Every method tests
  // the store first, a branch the JIT predicts, so the heap path keeps its direct calls.
  private final TimerQueue<Object, N> eventTime;
  private final TimerQueue<Object, N> processingTime;
  private final TimerStore<N> store;
  private long watermark = Long.MIN_VALUE;

  /** Due timers fired per prefetched run. */
  private static final int RUN = 16;

  /** The keys of the run of due timers being fired. */
  private final Object[] runKeys = new Object[RUN];

  private final TypeInfo<N> namespaceType;
  private TypeSerializer<N> namespaceSerializer;

  /**
   * @param name the service's name in snapshots, unique within the operator (e.g. {@code
   *     "timers"}); a restored service finds its timers by it
   * @param namespaceType the type of the namespaces, for snapshots
   */
  public TimerService(
      KeyedStateBackend backend, String name, TypeInfo<N> namespaceType, Triggerable<N> target) {
    this.backend = backend;
    this.target = target;
    this.namespaceType = namespaceType;
    this.store = backend.createTimerStore(name, namespaceType);
    if (store == null) {
      eventTime = new TimerQueue<>();
      processingTime = new TimerQueue<>();
      backend.registerSnapshotPart(name, new Snapshots());
    } else {
      eventTime = null;
      processingTime = null;
    }
  }

  /** A timer service without namespaces, as keyed process functions use. */
  public static TimerService<VoidNamespace> withoutNamespace(
      KeyedStateBackend backend, String name, Triggerable<VoidNamespace> target) {
    return new TimerService<>(backend, name, VoidNamespace.TYPE, target);
  }

  // Windows re-register the same timer for every record: the queue looks it up without allocating.

  public void registerEventTimeTimer(N namespace, long time) {
    if (store == null) {
      eventTime.add(time, backend.getCurrentKey(), namespace);
    } else {
      store.add(TimerStore.EVENT_TIME, time, namespace);
    }
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    if (store == null) {
      processingTime.add(time, backend.getCurrentKey(), namespace);
    } else {
      store.add(TimerStore.PROCESSING_TIME, time, namespace);
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    if (store == null) {
      eventTime.remove(time, backend.getCurrentKey(), namespace);
    } else {
      store.remove(TimerStore.EVENT_TIME, time, namespace);
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    if (store == null) {
      processingTime.remove(time, backend.getCurrentKey(), namespace);
    } else {
      store.remove(TimerStore.PROCESSING_TIME, time, namespace);
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, in order. */
  public void advanceWatermark(long watermark) throws Exception {
    advanceWatermark(watermark, Integer.MAX_VALUE);
  }

  /**
   * Fires up to {@code budget} event-time timers at or before {@code watermark}, in order.
   *
   * @return true when no due timer is left; false when the budget ran out first
   */
  public boolean advanceWatermark(long watermark, int budget) throws Exception {
    this.watermark = watermark;
    if (store != null) {
      return advanceStoredWatermark(watermark, budget);
    }
    Timer<Object, N> t;
    if (backend.prefetchesForTimers()) {
      return firePrefetched(eventTime, true, watermark, budget);
    }
    for (int fired = 0; fired < budget; fired++) {
      if ((t = eventTime.pollDue(watermark)) == null) {
        return true;
      }
      backend.setCurrentKey(t.key());
      target.onEventTime(t);
    }
    Timer<Object, N> next = eventTime.peek();
    return next == null || next.timestamp() > watermark;
  }

  /**
   * Fires up to {@code budget} timers of {@code queue} due at {@code time} in runs of up to {@link
   * #RUN}, the state of whose keys the backend prefetches before the first of a run fires: a due
   * timer's key has mostly not been seen for a while, so its state has left the CPU's caches, and
   * the run's misses overlap. The order is the same as one at a time ({@link TimerQueue#takeDue}).
   *
   * @return true when no due timer is left
   */
  private boolean firePrefetched(
      TimerQueue<Object, N> queue, boolean eventTimers, long time, int budget) throws Exception {
    try {
      int fired = 0;
      while (fired < budget) {
        int n = queue.takeDue(time, runKeys, Math.min(RUN, budget - fired));
        if (n == 0) {
          return true;
        }
        backend.prefetch(runKeys, n);
        Timer<Object, N> t;
        // once a timer added while firing comes before the rest of the run, the rest goes back
        for (int i = 0; i < n && (t = queue.pollDue(time)) != null; i++) {
          backend.setCurrentKey(t.key());
          if (eventTimers) {
            target.onEventTime(t);
          } else {
            target.onProcessingTime(t);
          }
          fired++;
        }
      }
      Timer<Object, N> next = queue.peek();
      return next == null || next.timestamp() > time;
    } finally {
      Arrays.fill(runKeys, null);
      queue.putBackRun();
    }
  }

  private boolean advanceStoredWatermark(long watermark, int budget) throws Exception {
    Timer<Object, N> t;
    for (int fired = 0; fired < budget; fired++) {
      if ((t = store.pollDue(TimerStore.EVENT_TIME, watermark)) == null) {
        return true;
      }
      target.onEventTime(t); // the store made its key the current one
    }
    return !store.hasDue(TimerStore.EVENT_TIME, watermark);
  }

  /** Fires every processing-time timer at or before {@code now}, in order. */
  public void advanceProcessingTime(long now) throws Exception {
    Timer<Object, N> t;
    if (store != null) {
      while ((t = store.pollDue(TimerStore.PROCESSING_TIME, now)) != null) {
        target.onProcessingTime(t); // the store made its key the current one
      }
      return;
    }
    if (backend.prefetchesForTimers()) {
      firePrefetched(processingTime, false, now, Integer.MAX_VALUE);
      return;
    }
    while ((t = processingTime.pollDue(now)) != null) {
      backend.setCurrentKey(t.key());
      target.onProcessingTime(t);
    }
  }

  public long currentWatermark() {
    return watermark;
  }

  /** The number of event-time timers (with a backend's store this may read them all: for tests). */
  public int numEventTimeTimers() {
    return store == null ? eventTime.size() : store.size(TimerStore.EVENT_TIME);
  }

  /** The number of processing-time timers (like {@link #numEventTimeTimers}). */
  public int numProcessingTimeTimers() {
    return store == null ? processingTime.size() : store.size(TimerStore.PROCESSING_TIME);
  }

  /** The earliest processing-time timer, or {@code Long.MAX_VALUE}. */
  public long nextProcessingTime() {
    if (store != null) {
      return store.peekTimestamp(TimerStore.PROCESSING_TIME);
    }
    Timer<Object, N> t = processingTime.peek();
    return t == null ? Long.MAX_VALUE : t.timestamp();
  }

  /**
   * Whether the backend keeps these timers ({@link TimerStore}) rather than this service's heap.
   */
  public boolean storedByBackend() {
    return store != null;
  }

  // ---- snapshots ----

  private static final int EVENT_TIME = TimerStore.EVENT_TIME;
  private static final int PROCESSING_TIME = TimerStore.PROCESSING_TIME;

  /**
   * Snapshots of the timers: at the barrier a copy of each queue's index (an array copy, no timer
   * is copied: their fields never change), grouped by key group and written later by the snapshot's
   * writer, on its thread, with a namespace serializer of its own.
   */
  private final class Snapshots implements KeyGroupedSnapshotPart {

    @Override
    public int kind() {
      return KeyedStateSnapshot.KIND_TIMERS;
    }

    @Override
    public Snapshot snapshot() {
      return new Captured(
          eventTime.copyOfSlots(), processingTime.copyOfSlots(), namespaceType.createSerializer());
    }

    /** The timers as they were at a snapshot. */
    private final class Captured implements Snapshot {
      private final Object[] eventSlots;
      private final Object[] processingSlots;
      private final TypeSerializer<N> namespaces;
      private List<Timer<Object, N>>[] events;
      private List<Timer<Object, N>>[] processing;
      private final int firstGroup = backend.keyGroupRange().start();

      Captured(Object[] eventSlots, Object[] processingSlots, TypeSerializer<N> namespaces) {
        this.eventSlots = eventSlots;
        this.processingSlots = processingSlots;
        this.namespaces = namespaces;
      }

      @SuppressWarnings("unchecked")
      private List<Timer<Object, N>>[] group(Object[] slots) {
        List<Timer<Object, N>>[] byGroup = new List[backend.keyGroupRange().size()];
        int maxParallelism = backend.maxParallelism();
        for (Object o : slots) {
          if (o != null) {
            Timer<Object, N> t = (Timer<Object, N>) o;
            int i = KeyGroups.assignToKeyGroup(t.key(), maxParallelism) - firstGroup;
            if (byGroup[i] == null) {
              byGroup[i] = new ArrayList<>();
            }
            byGroup[i].add(t);
          }
        }
        return byGroup;
      }

      @Override
      public void writeKeyGroup(
          int keyGroup, TypeSerializer<Object> keys, KeyedStateSnapshot.Writer writer)
          throws IOException {
        if (events == null) {
          events = group(eventSlots);
          processing = group(processingSlots);
        }
        write(events[keyGroup - firstGroup], EVENT_TIME, keys, writer);
        write(processing[keyGroup - firstGroup], PROCESSING_TIME, keys, writer);
      }

      private void write(
          List<Timer<Object, N>> timers,
          int domain,
          TypeSerializer<Object> keys,
          KeyedStateSnapshot.Writer writer)
          throws IOException {
        if (timers == null) {
          return;
        }
        for (Timer<Object, N> t : timers) {
          MemoryDataOutput out = writer.entry();
          KeyedStateSnapshot.writePart(out, keys, t.key());
          KeyedStateSnapshot.writePart(out, namespaces, t.namespace());
          out.writeLong(t.timestamp());
          out.writeByte(domain);
        }
      }
    }

    @Override
    public void restore(int keyGroup, int flags, MemoryDataInput in) throws IOException {
      int count = in.readInt();
      TypeSerializer<Object> keys = backend.keySerializer();
      TypeSerializer<N> namespaces = namespaceSerializer();
      for (int i = 0; i < count; i++) {
        Object key = KeyedStateSnapshot.readPart(in, keys, "a timer's key");
        N namespace = KeyedStateSnapshot.readPart(in, namespaces, "a timer's namespace");
        long timestamp = in.readLong();
        int domain = in.readUnsignedByte();
        Timer<Object, N> t = new Timer<>(timestamp, key, namespace);
        switch (domain) {
          case EVENT_TIME -> eventTime.add(t);
          case PROCESSING_TIME -> processingTime.add(t);
          default -> throw new IOException("Corrupt timer: unknown time domain " + domain);
        }
      }
    }
  }

  private TypeSerializer<N> namespaceSerializer() {
    if (namespaceSerializer == null) {
      namespaceSerializer = namespaceType.createSerializer();
    }
    return namespaceSerializer;
  }
}
