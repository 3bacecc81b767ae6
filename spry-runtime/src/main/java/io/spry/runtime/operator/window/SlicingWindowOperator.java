package io.spry.runtime.operator.window;

import io.spry.api.OutputTag;
import io.spry.api.metrics.Counter;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.UdfOperator;
import io.spry.runtime.state.KeyGroupedSnapshotPart;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;

/**
 * Sliding (or tumbling) event-time windows with the default trigger and an incremental function,
 * computed from slices: each record updates the accumulator of exactly one slice of width {@code
 * gcd(size, slide)}, and a window that fires combines its {@code size / width} slices. Per record,
 * the cost and the state do not grow with {@code size / slide}; the per-window cost is one combine
 * per slice. Results, timestamps, late firings and late data are those of {@link WindowOperator}
 * with the same spec (see {@link WindowOperators} for when this operator is chosen).
 *
 * <p>State: per key, a {@link SliceMap} (slice start to accumulator) in keyed state {@value
 * #SLICES_STATE}.
 *
 * <p>No timer per key and window. All keys' windows end at the same instants, so the operator
 * keeps, for each window still to fire or to clean up, the list of keys that hold a slice in it
 * ({@link WindowKeys}; a key joins when it makes its first slice in the window), and the windows
 * that still have to fire or be cleaned up. When the watermark passes a window's end, the window
 * fires for every key in its list, each met once however many of the window's slices it holds; at
 * its cleanup time ({@code end + allowedLateness}, the same instant without lateness) the window
 * function's per-window state is cleared for the same keys, the window's first {@code slide} of
 * slices, which no later window holds, leave the keys' maps, and the list goes. Windows fire in
 * order of their end; a watermark fires at most {@link #TIMERS_PER_TURN} keys' windows per turn of
 * the task, as timers would.
 *
 * <p>A record within the allowed lateness of windows the watermark has passed fires each of them at
 * once (latest first), as the default trigger does.
 *
 * <p>Snapshots hold the slices and, per key group, the watermark up to which windows have fired; a
 * restored operator rebuilds its lists from the slices and does not fire a key's window again if
 * its key group had fired it.
 *
 * @param <K> the key type
 * @param <IN> the type of records
 * @param <OUT> the type of results
 */
public final class SlicingWindowOperator<K, IN, OUT>
    extends UdfOperator<ProcessWindowFunction<Object, OUT, K, TimeWindow>, OUT>
    implements OneInputOperator<IN> {

  /** The name of the keyed state that holds each key's slices. */
  public static final String SLICES_STATE = "window-slices";

  /** The name, in keyed snapshots, of the watermark up to which each key group's windows fired. */
  public static final String FIRED_UP_TO = "window-slices-fired";

  private final WindowAssigner<IN, TimeWindow> assigner;
  private final Slicing slicing;
  private final SliceFunction<IN> sliceFunction;
  private final long allowedLateness;
  private final OutputTag<IN> lateDataTag;
  private final TypeInfo<?> accumulatorType;

  private transient KeyedStateBackend backend;
  private transient ValueState<SliceMap> slicesState;
  private transient WindowKeys windowKeys;
  private transient PerWindowStateStore windowState;
  private transient SliceProcessContext processContext;
  private transient TimestampedCollector<OUT> collector;
  private transient Counter lateRecordsDropped;
  private transient long liveSlices;

  /** Windows (by start) to fire when the watermark passes their end. */
  private transient TreeSet<Long> toFire;

  /** Windows (by start) to clean up at their cleanup time, when that is after their end. */
  private transient TreeSet<Long> toClean;

  /**
   * Per key group (by index in the backend's range), the watermark up to which a restored snapshot
   * had fired and cleaned up windows; null when nothing was restored.
   */
  private transient long[] restoredFiredUpTo;

  /**
   * Whether the backend hands back the very map the operator stored (the heap backend keeps
   * references; RocksDB keeps bytes and reads a copy); null until a record that makes a slice tells
   * (asked again after each snapshot, and the lists forget their maps then). A key's map stays the
   * same object while it holds any slice (a map is replaced only after it emptied, when every list
   * that held it is gone), so on such a backend the key lists keep each key's map and a window pass
   * reads it from there, without a state lookup per key.
   */
  private transient Boolean byReference;

  /** The window pass under way: a watermark's windows fire over several turns. */
  private transient Pass pass;

  /**
   * The slice of the last record and its windows: records arrive mostly in time order, so most find
   * their slice here instead of dividing again. {@code cachedSliceEnd} is 0 (an empty range) until
   * the first record.
   */
  private transient long cachedSlice;

  private transient long cachedSliceEnd;
  private transient long cachedLastWindow;
  private transient long cachedFirstWindow;
  private transient boolean cachedInAnyWindow;

  @SuppressWarnings("unchecked")
  SlicingWindowOperator(WindowSpec spec, Slicing slicing, SliceFunction<IN> sliceFunction) {
    super((ProcessWindowFunction<Object, OUT, K, TimeWindow>) spec.function());
    this.assigner = (WindowAssigner<IN, TimeWindow>) spec.assigner();
    this.slicing = slicing;
    this.sliceFunction = sliceFunction;
    this.allowedLateness = spec.allowedLateness();
    this.lateDataTag = (OutputTag<IN>) spec.lateDataTag();
    this.accumulatorType = spec.contentsDescriptor().getType();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open() throws Exception {
    backend = context.keyedBackend();
    if (backend == null) {
      throw new IllegalStateException(
          "The window operator '" + context.operatorName() + "' needs a keyed input");
    }
    // A slice holds what the window contents would: the reduce's value or the accumulator.
    ValueStateDescriptor<SliceMap> slices =
        new ValueStateDescriptor<>(SLICES_STATE, new SliceMap.Type(accumulatorType));
    slicesState = backend.getOrCreateState(slices);
    windowKeys = new WindowKeys();
    toFire = new TreeSet<>();
    toClean = new TreeSet<>();
    pass = null;
    liveSlices = 0;
    backend.registerSnapshotPart(FIRED_UP_TO, new FiredUpTo());
    backend.forEachKey( // restored slices: the lists and the windows to come are rebuilt from them
        slices,
        key -> {
          SliceMap m = slicesState.value();
          liveSlices += m.size();
          long[] starts = m.starts();
          Arrays.sort(starts);
          long joined = Long.MIN_VALUE; // the latest window the key joined: windows come in order
          for (long slice : starts) {
            long last = slicing.lastWindowStart(slice);
            if (!slicing.inAnyWindow(slice, last)) {
              continue;
            }
            for (long w = slicing.firstWindowStart(slice, last); w <= last; w += slicing.slide()) {
              if (w > joined) {
                // whether the backend keeps references is not known yet
                keysOf(w).add(key, null);
                joined = w;
              }
            }
          }
        });
    windowState = new PerWindowStateStore(backend, TimeWindowTypeInfo.INSTANCE);
    processContext = new SliceProcessContext(function, new GlobalStateStore(backend));
    collector = new TimestampedCollector<>(output);
    lateRecordsDropped = context.counters().counter(WindowOperator.LATE_RECORDS_DROPPED);
    super.open();
  }

  // ---- records ----

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    if (timestamp == Long.MIN_VALUE) {
      assigner.assignWindows(value, timestamp, null); // fails with the assigner's hint
    }
    if (timestamp < cachedSlice || timestamp >= cachedSliceEnd) {
      long start = slicing.sliceStart(timestamp);
      long last = slicing.lastWindowStart(start);
      cachedSlice = start;
      cachedSliceEnd = start + slicing.width();
      if (cachedSliceEnd < start) {
        cachedSliceEnd = Long.MAX_VALUE; // the last slice of time: no cache
      }
      cachedLastWindow = last;
      cachedInAnyWindow = slicing.inAnyWindow(start, last);
      cachedFirstWindow = cachedInAnyWindow ? slicing.firstWindowStart(start, last) : 0;
    }
    long slice = cachedSlice;
    long lastWindow = cachedLastWindow;
    if (!cachedInAnyWindow) {
      return; // in a gap between windows (slide > size): in no window, and not late
    }
    if (isLate(lastWindow)) {
      if (lateDataTag != null) {
        output.collect(lateDataTag, value, timestamp);
      } else {
        lateRecordsDropped.inc();
      }
      return;
    }
    SliceMap slices = slicesState.value();
    boolean newMap = slices == null;
    if (newMap) {
      slices = new SliceMap();
    }
    Object before = slices.get(slice);
    Object after = sliceFunction.add(value, before);
    if (after != before) {
      slices.put(slice, after);
    }
    // Written back even when only the accumulator changed in place, unless the backend holds this
    // very map (the heap, once byReference says so): a backend that keeps bytes (RocksDB) holds a
    // copy.
    if (newMap || byReference != Boolean.TRUE) {
      slicesState.update(slices);
    }
    long firstWindow = cachedFirstWindow;
    if (before == null) {
      liveSlices++;
      if (byReference == null) {
        byReference = slicesState.value() == slices; // asked once: the state hands back our map
      }
      joinWindows(slices, slice, firstWindow, lastWindow);
    }
    if (slicing.maxTimestamp(firstWindow) <= currentWatermark()) {
      fireLateWindows(slices, firstWindow, lastWindow);
    }
  }

  /**
   * The current key has just made the slice starting at {@code slice}: it joins the list of each
   * window of the slice (from {@code firstWindow} to {@code lastWindow}) not yet cleaned up in
   * which it held no other slice. A window holds the slices from its start to its end, so it holds
   * another slice of the key exactly when the key's latest slice before this one is at or after the
   * window's start, or its earliest slice after this one is before the window's end. Records come
   * mostly in time order: then there is no later slice, and the key joins only the windows that
   * start after its previous slice (one per slide when it has a record in every slide).
   */
  private void joinWindows(SliceMap slices, long slice, long firstWindow, long lastWindow)
      throws Exception {
    long before = slices.latestBefore(slice);
    long after = slices.earliestAfter(slice);
    long size = slicing.size();
    Object key = backend.getCurrentKey();
    SliceMap known = byReference ? slices : null;
    for (long w = firstWindow; w <= lastWindow; w += slicing.slide()) {
      if (w <= before || after - size < w || isLate(w)) {
        continue;
      }
      keysOf(w).add(key, known);
    }
  }

  /**
   * The keys of the window starting at {@code window}. A window new to the operator is to fire if
   * the watermark has not passed it, and to be cleaned up if that is later than its firing and not
   * yet due.
   */
  private WindowKeys.KeyList keysOf(long window) {
    WindowKeys.KeyList keys = windowKeys.get(window);
    if (keys == null) {
      keys = windowKeys.create(window);
      long wm = currentWatermark();
      if (slicing.maxTimestamp(window) > wm) {
        toFire.add(window);
      }
      long cleanup = cleanupTime(window);
      if (cleanup != slicing.maxTimestamp(window) && cleanup != Long.MAX_VALUE && cleanup > wm) {
        toClean.add(window);
      }
    }
    return keys;
  }

  /**
   * The record's windows that the watermark has passed but that are within the allowed lateness
   * fire again at once, latest first (as the default trigger fires on such a record).
   */
  private void fireLateWindows(SliceMap slices, long firstWindow, long lastWindow)
      throws Exception {
    for (long w = lastWindow; w >= firstWindow; w -= slicing.slide()) {
      if (slicing.maxTimestamp(w) > currentWatermark() || isLate(w)) {
        continue;
      }
      // its cleanup is due later (the window is not late): the record's slice is in its lists
      fire(slicing.window(w), combine(slices, w));
    }
  }

  // ---- time ----

  @Override
  public void processWatermark(long watermark) throws Exception {
    advanceWatermarkThenForward(watermark);
  }

  /**
   * Fires and cleans up the windows the watermark has passed, in order of their time, at most
   * {@code budget} keys' windows; true when none is left.
   */
  @Override
  protected boolean fireDueTimers(long watermark, int budget) throws Exception {
    int left = budget;
    while (true) {
      if (pass == null) {
        Long fire = toFire.isEmpty() ? null : toFire.first();
        Long clean = toClean.isEmpty() ? null : toClean.first();
        long fireTime = fire == null ? Long.MAX_VALUE : slicing.maxTimestamp(fire);
        long cleanTime = clean == null ? Long.MAX_VALUE : cleanupTime(clean);
        if (fire != null && fireTime <= watermark && fireTime <= cleanTime) {
          toFire.pollFirst();
          pass = new Pass(fire, true);
        } else if (clean != null && cleanTime <= watermark) {
          toClean.pollFirst();
          pass = new Pass(clean, false);
        } else {
          return true;
        }
      }
      left = pass.run(left);
      if (left <= 0 && pass != null) {
        return false;
      }
    }
  }

  /**
   * One window's pass over its keys, each met once: on time, it fires the window for each key (and,
   * without allowed lateness, cleans it up too); at the cleanup time it cleans it up. A pass that
   * cleans up also retires the window's first {@code slide} of slices, which no later window holds,
   * from each key's map, and then drops the window's list. Resumable: {@link #run} stops when the
   * budget is spent and goes on from there next time.
   */
  private final class Pass {
    final long start;
    final TimeWindow window;
    final boolean onTime;
    final boolean cleansUp;
    final long fireTime;
    final long cleanTime;

    /** The slices before this start leave the keys' maps when the pass cleans up. */
    final long retiringEnd;

    /** The window's keys (null when it has none). */
    final WindowKeys.KeyList keys;

    int position;

    Pass(long start, boolean onTime) {
      this.start = start;
      this.window = slicing.window(start);
      this.onTime = onTime;
      this.fireTime = slicing.maxTimestamp(start);
      this.cleanTime = cleanupTime(start);
      this.cleansUp = !onTime || cleanTime == fireTime;
      this.retiringEnd = slicing.retiringEnd(start);
      this.keys = windowKeys.get(start);
    }

    /** Goes on with the pass; returns the budget left, and ends the pass when it is done. */
    int run(int budget) throws Exception {
      WindowKeys.KeyList keys = this.keys;
      int size = keys == null ? 0 : keys.size();
      while (budget > 0) {
        if (position >= size) {
          if (cleansUp) {
            windowKeys.remove(start);
          }
          pass = null;
          return budget;
        }
        Object key = keys.get(position);
        SliceMap known = keys.map(position++);
        backend.setCurrentKey(key);
        budget--;
        visit(known);
      }
      return budget;
    }

    /**
     * The current key; {@code known} is its map from the list, or null when the state must be
     * asked.
     */
    private void visit(SliceMap known) throws Exception {
      SliceMap m = known != null ? known : slicesState.value();
      if (m == null) {
        return;
      }
      long done = firedUpTo();
      if (onTime && fireTime > done) {
        fire(window, combine(m, start));
      }
      // with done past the window, a restored key group had fired and cleaned it up already
      if (cleansUp && (onTime ? fireTime : cleanTime) > done) {
        clearWindowState(window);
      }
      if (cleansUp) {
        retire(m);
      }
    }

    /** The current key's retiring slices leave its map: no later window holds them. */
    private void retire(SliceMap m) throws Exception {
      int removed = m.removeBefore(retiringEnd);
      if (removed == 0) {
        return;
      }
      liveSlices -= removed;
      if (m.isEmpty()) {
        slicesState.clear();
      } else if (byReference != Boolean.TRUE) {
        slicesState.update(m);
      }
    }
  }

  /** The watermark up to which the current key's key group had fired windows before a restore. */
  private long firedUpTo() {
    return restoredFiredUpTo == null
        ? Long.MIN_VALUE
        : restoredFiredUpTo[backend.getCurrentKeyGroup() - backend.keyGroupRange().start()];
  }

  // ---- windows ----

  /** The window's result from its slices, or null when it holds none. */
  private Object combine(SliceMap slices, long windowStart) throws Exception {
    long end = windowStart + slicing.size();
    long width = slicing.width();
    // A window of one slice (always so for tumbling windows) is that slice: no merge is needed,
    // so aggregate functions without merge work as they do in Flink.
    Object first = null;
    Object acc = null;
    int count = 0;
    for (long s = windowStart; s < end; s += width) {
      Object slice = slices.get(s);
      if (slice != null) {
        count++;
        if (count == 1) {
          first = slice;
        } else {
          if (count == 2) {
            acc = sliceFunction.combine(sliceFunction.startWindow(), first);
          }
          acc = sliceFunction.combine(acc, slice);
        }
      }
    }
    return count == 0 ? null : sliceFunction.result(count == 1 ? first : acc);
  }

  private void fire(TimeWindow window, Object result) throws Exception {
    if (result == null) {
      return;
    }
    collector.setTimestamp(window.maxTimestamp());
    processContext.window = window;
    windowState.window = window;
    function.process(currentKey(), processContext, Collections.singletonList(result), collector);
  }

  /** The window function's per-window state of the current key goes. */
  private void clearWindowState(TimeWindow window) throws Exception {
    processContext.window = window;
    windowState.window = window;
    function.clear(processContext);
    windowState.clearAll(window);
  }

  /** The window's end plus the allowed lateness, as {@link WindowOperator} computes it. */
  private long cleanupTime(long windowStart) {
    long maxTimestamp = slicing.maxTimestamp(windowStart);
    long t = maxTimestamp + allowedLateness;
    return t >= maxTimestamp ? t : Long.MAX_VALUE;
  }

  private boolean isLate(long windowStart) {
    return cleanupTime(windowStart) <= currentWatermark();
  }

  @SuppressWarnings("unchecked")
  private K currentKey() {
    return (K) backend.getCurrentKey();
  }

  // ---- introspection for tests and benchmarks ----

  /** The number of slices held, over all keys. */
  public long numSlices() {
    return liveSlices;
  }

  /** The windows still to fire on time (each for all its keys at once). */
  public int numWindowsToFire() {
    return toFire.size() + (pass != null && pass.onTime ? 1 : 0);
  }

  /** The windows still to clean up after they fired (with allowed lateness). */
  public int numWindowsToCleanUp() {
    return toClean.size() + (pass != null && !pass.onTime ? 1 : 0);
  }

  /** The windows the operator keeps key lists for (to fire or to clean up). */
  public int numKeyLists() {
    return windowKeys.size();
  }

  @Override
  public String toString() {
    return "SlicingWindowOperator(" + slicing + ", " + sliceFunction.function() + ")";
  }

  // ---- snapshots ----

  @Override
  public void snapshotState(
      io.spry.runtime.checkpoint.SubtaskState out, long checkpointId, long timestamp)
      throws Exception {
    super.snapshotState(out, checkpointId, timestamp);
    // A backend may hand back copies of what a snapshot holds (copy on write), so the maps the
    // lists keep may no longer be the state's: passes look those keys up, and ask anew.
    windowKeys.forgetMaps();
    byReference = null;
  }

  /**
   * The watermark up to which windows have fired, written into every key group's block (one entry:
   * the watermark), so a restore at any parallelism knows, per key group, which of the restored
   * slices' windows already fired.
   */
  private final class FiredUpTo implements KeyGroupedSnapshotPart {
    @Override
    public int kind() {
      return KeyedStateSnapshot.KIND_TIMERS;
    }

    @Override
    public Snapshot snapshot() {
      long firedUpTo = currentWatermark();
      return (keyGroup, keys, writer) -> writer.entry().writeLong(firedUpTo);
    }

    @Override
    public void restore(int keyGroup, int flags, MemoryDataInput in) throws IOException {
      int count = in.readInt();
      if (restoredFiredUpTo == null) {
        restoredFiredUpTo = new long[backend.keyGroupRange().size()];
        Arrays.fill(restoredFiredUpTo, Long.MIN_VALUE);
      }
      int i = keyGroup - backend.keyGroupRange().start();
      for (int n = 0; n < count; n++) {
        restoredFiredUpTo[i] = Math.max(restoredFiredUpTo[i], in.readLong());
      }
    }
  }

  // ---- the window function's context ----

  private final class SliceProcessContext
      extends ProcessWindowFunction<Object, OUT, K, TimeWindow>.Context {
    private final KeyedStateStore globalState;
    TimeWindow window;

    SliceProcessContext(
        ProcessWindowFunction<Object, OUT, K, TimeWindow> f, KeyedStateStore globalState) {
      f.super();
      this.globalState = globalState;
    }

    @Override
    public TimeWindow window() {
      return window;
    }

    @Override
    public long currentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long currentWatermark() {
      return SlicingWindowOperator.this.currentWatermark();
    }

    @Override
    public KeyedStateStore windowState() {
      return windowState;
    }

    @Override
    public KeyedStateStore globalState() {
      return globalState;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      output.collect(outputTag, value, window.maxTimestamp());
    }
  }
}
