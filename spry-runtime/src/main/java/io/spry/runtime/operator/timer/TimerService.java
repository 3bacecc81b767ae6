package io.spry.runtime.operator.timer;

import io.spry.runtime.state.KeyedStateBackend;

/**
 * Event-time and processing-time timers of a keyed operator, scoped to the backend's current key.
 * Timers fire in timestamp order: event-time ones when the watermark reaches them, processing-time
 * ones when the clock does; before each one fires the key context is set to the timer's key.
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
  private final TimerQueue<Object, N> eventTime = new TimerQueue<>();
  private final TimerQueue<Object, N> processingTime = new TimerQueue<>();
  private long watermark = Long.MIN_VALUE;
  private final io.spry.api.types.TypeSerializer<N> namespaceSerializer;

  /**
   * @param namespaceSerializer writes namespaces in snapshots; null where the namespace type has no
   *     serializer yet (a snapshot then fails and says so)
   */
  public TimerService(
      KeyedStateBackend backend,
      Triggerable<N> target,
      io.spry.api.types.TypeSerializer<N> namespaceSerializer) {
    this.backend = backend;
    this.target = target;
    this.namespaceSerializer = namespaceSerializer;
  }

  // ---- snapshots ----

  /**
   * Writes every timer, grouped by its key's key group, so that a restore at another parallelism
   * takes the groups it owns.
   *
   * <pre>
   * timers := MAGIC:int VERSION:int blockCount:int (keyGroup:int length:int bytes[length])*
   * bytes  := eventCount:int timer* processingCount:int timer*
   * timer  := timestamp:long key namespace
   * </pre>
   */
  public byte[] snapshot(String operatorName) throws java.io.IOException {
    if (namespaceSerializer == null) {
      throw new UnsupportedOperationException(
          "The timers of '" + operatorName + "' cannot be checkpointed yet");
    }
    io.spry.api.types.TypeSerializer<Object> keys = backend.keySerializer();
    int maxP = backend.maxParallelism();
    java.util.TreeMap<Integer, java.util.List<Timer<Object, N>>[]> groups =
        new java.util.TreeMap<>();
    collect(groups, eventTime, 0, maxP);
    collect(groups, processingTime, 1, maxP);
    io.spry.api.types.MemoryDataOutput out = new io.spry.api.types.MemoryDataOutput(256);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(groups.size());
    io.spry.api.types.MemoryDataOutput block = new io.spry.api.types.MemoryDataOutput(256);
    for (var e : groups.entrySet()) {
      block.reset();
      for (java.util.List<Timer<Object, N>> list : e.getValue()) {
        block.writeInt(list == null ? 0 : list.size());
        if (list != null) {
          for (Timer<Object, N> t : list) {
            block.writeLong(t.timestamp());
            keys.serialize(t.key(), block);
            namespaceSerializer.serialize(t.namespace(), block);
          }
        }
      }
      out.writeInt(e.getKey());
      out.writeInt(block.position());
      out.write(block.buffer(), 0, block.position());
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <N> void collect(
      java.util.TreeMap<Integer, java.util.List<Timer<Object, N>>[]> groups,
      TimerQueue<Object, N> queue,
      int domain,
      int maxP) {
    for (Timer<Object, N> t : queue.all()) {
      int kg = io.spry.runtime.state.KeyGroups.assignToKeyGroup(t.key(), maxP);
      java.util.List<Timer<Object, N>>[] lists =
          groups.computeIfAbsent(kg, k -> new java.util.List[2]);
      if (lists[domain] == null) {
        lists[domain] = new java.util.ArrayList<>();
      }
      lists[domain].add(t);
    }
  }

  /** Adds the timers of the key groups this backend owns from a {@link #snapshot}. */
  public void restore(byte[] snapshot, String operatorName) throws java.io.IOException {
    if (namespaceSerializer == null) {
      throw new UnsupportedOperationException(
          "The timers of '" + operatorName + "' cannot be restored yet");
    }
    io.spry.api.types.TypeSerializer<Object> keys = backend.keySerializer();
    io.spry.api.types.MemoryDataInput in = new io.spry.api.types.MemoryDataInput(snapshot);
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new java.io.IOException("Not a timer snapshot of this Spry version");
    }
    int blocks = in.readInt();
    for (int b = 0; b < blocks; b++) {
      int kg = in.readInt();
      int length = in.readInt();
      if (!backend.keyGroupRange().contains(kg)) {
        in.skipBytes(length);
        continue;
      }
      for (int domain = 0; domain < 2; domain++) {
        TimerQueue<Object, N> queue = domain == 0 ? eventTime : processingTime;
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          long ts = in.readLong();
          Object key = keys.deserialize(in);
          N ns = namespaceSerializer.deserialize(in);
          queue.add(new Timer<>(ts, key, ns));
        }
      }
    }
  }

  /** Packs the snapshots of several timer services of one operator into one. */
  public static byte[] concat(byte[]... parts) {
    io.spry.api.types.MemoryDataOutput out = new io.spry.api.types.MemoryDataOutput(256);
    out.writeInt(parts.length);
    for (byte[] p : parts) {
      out.writeInt(p.length);
      out.write(p);
    }
    return out.toByteArray();
  }

  /** The parts packed by {@link #concat}. */
  public static byte[][] split(byte[] packed) throws java.io.IOException {
    io.spry.api.types.MemoryDataInput in = new io.spry.api.types.MemoryDataInput(packed);
    byte[][] parts = new byte[in.readInt()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new byte[in.readInt()];
      in.readFully(parts[i]);
    }
    return parts;
  }

  private static final int MAGIC = 0x54494d52; // "TIMR"
  private static final int VERSION = 1;

  public void registerEventTimeTimer(N namespace, long time) {
    Object key = backend.getCurrentKey();
    // windows re-register the same timer for every record: look it up without allocating
    if (!eventTime.contains(time, key, namespace)) {
      eventTime.add(new Timer<>(time, key, namespace));
    }
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    Object key = backend.getCurrentKey();
    if (!processingTime.contains(time, key, namespace)) {
      processingTime.add(new Timer<>(time, key, namespace));
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    eventTime.remove(new Timer<>(time, backend.getCurrentKey(), namespace));
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTime.remove(new Timer<>(time, backend.getCurrentKey(), namespace));
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
    Timer<Object, N> t;
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

  /** Fires every processing-time timer at or before {@code now}, in order. */
  public void advanceProcessingTime(long now) throws Exception {
    Timer<Object, N> t;
    while ((t = processingTime.pollDue(now)) != null) {
      backend.setCurrentKey(t.key());
      target.onProcessingTime(t);
    }
  }

  public long currentWatermark() {
    return watermark;
  }

  public int numEventTimeTimers() {
    return eventTime.size();
  }

  public int numProcessingTimeTimers() {
    return processingTime.size();
  }

  /** The earliest processing-time timer, or {@code Long.MAX_VALUE}. */
  public long nextProcessingTime() {
    Timer<Object, N> t = processingTime.peek();
    return t == null ? Long.MAX_VALUE : t.timestamp();
  }
}
