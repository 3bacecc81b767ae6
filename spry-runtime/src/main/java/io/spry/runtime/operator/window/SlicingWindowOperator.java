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
 * per slice, or, for windows of many slices sliding by few, a few combines with partial aggregates
 * shared between a key's consecutive windows ({@link #combineShared}). Results, timestamps, late
 * firings and late data are those of {@link WindowOperator} with the same spec (see {@link
 * WindowOperators} for when this operator is chosen).
 *
 * <p>State: per key, a {@link SliceMap} (slice start to accumulator) in keyed state {@value
 * #SLICES_STATE}.
 *
 * <p>No timer per key and window. All keys' windows end at the same instants, so the operator
 * keeps, for each live slice, the list of keys that hold it ({@link SliceKeys}), and the windows
 * that still have to fire or be cleaned up. When the watermark passes a window's end, the window
 * fires for every key in the lists of its slices, slice by slice: each key once, at its first slice
 * in the window (an entry records the key's earlier slice when it joined, so the pass skips the
 * key's other entries without reading its state). At its cleanup time ({@code end +
 * allowedLateness}, the same instant without lateness) the window function's per-window state is
 * cleared for the same keys, and the window's first {@code slide} of slices, which no later window
 * holds, leave the keys' maps and the lists. Windows fire in order of their end; a pass goes
 * through at most {@link #TIMERS_PER_TURN} list entries per turn of the task, as timers would.
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

  /**
   * Windows of at least this many slices may share partial aggregates between a key's consecutive
   * windows ({@link #combineShared}); with fewer, combining every slice costs about as much.
   */
  static final int SHARE_FROM_SLICES = 8;

  /**
   * Whether on-time firings use {@link #combineShared}. With {@code n} slices per window and a
   * slide of {@code k} slices, sharing costs about {@code 3k + 3} merges per window and key (the
   * partials are rebuilt, {@code 2n} merges, every {@code n / k} windows; the running aggregate
   * takes {@code k} slices per window; a firing merges two partials), against {@code n} without: so
   * only when {@code n >= }{@link #SHARE_FROM_SLICES} and {@code 3k + 3 < n}. And only without
   * allowed lateness: late firings go to older windows, out of the order of window ends the
   * partials follow. (Also only on a backend that keeps the very map, where the partials survive
   * between firings: checked per pass.)
   */
  private final boolean sharesPartials;

  private final OutputTag<IN> lateDataTag;
  private final TypeInfo<?> accumulatorType;

  private transient KeyedStateBackend backend;
  private transient ValueState<SliceMap> slicesState;
  private transient SliceKeys sliceKeys;
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
   * same object while it holds any slice (a map is replaced only after it emptied: no later pass
   * meets it then, and the pass that emptied it has marked it handled), so on such a backend the
   * key lists keep each key's map and a window pass reads it from there, without a state lookup per
   * key.
   */
  private transient Boolean byReference;

  /** Up to this many slices per slide, a key's retiring slices are removed one by one. */
  private static final long RETIRE_BY_LOOKUP = 8;

  /** Window passes so far: each marks the maps of the keys it handled with its number. */
  private transient long passes;

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
    long slicesPerWindow = slicing.size() / slicing.width();
    long slicesPerSlide = slicing.slide() / slicing.width();
    this.sharesPartials =
        allowedLateness == 0
            && slicesPerWindow >= SHARE_FROM_SLICES
            && 3 * slicesPerSlide + 3 < slicesPerWindow;
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
    sliceKeys = new SliceKeys();
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
          long earlier = Long.MIN_VALUE;
          for (long slice : starts) {
            // whether the backend keeps references is not known yet
            keysOf(slice).add(key, null, earlier);
            earlier = slice;
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
    } else if (slices.partials != null && slice < slices.partials.backTo) {
      slices.partials = null; // a slice the shared partials cover changes: they are rebuilt
    }
    Object before = slices.get(slice);
    // The key's last new slice: for records in time order, its latest slice before this one.
    long previous = before == null ? slices.newestStart() : Long.MIN_VALUE;
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
      // An earlier slice the key holds, or none (MIN_VALUE): out of order, a later one is not that.
      long earlier = previous < slice ? previous : Long.MIN_VALUE;
      keysOf(slice).add(backend.getCurrentKey(), byReference ? slices : null, earlier);
    }
    if (slicing.maxTimestamp(firstWindow) <= currentWatermark()) {
      fireLateWindows(slices, firstWindow, lastWindow);
    }
  }

  /**
   * The keys holding the slice starting at {@code slice}. A slice new to the operator registers its
   * windows: those the watermark has not passed are to fire, and those not yet cleaned up are to be
   * cleaned up (when that is later than their firing).
   */
  private SliceKeys.KeyList keysOf(long slice) {
    SliceKeys.KeyList keys = sliceKeys.get(slice);
    if (keys == null) {
      keys = sliceKeys.create(slice);
      long last = slicing.lastWindowStart(slice);
      if (slicing.inAnyWindow(slice, last)) {
        long wm = currentWatermark();
        for (long w = slicing.firstWindowStart(slice, last); w <= last; w += slicing.slide()) {
          if (slicing.maxTimestamp(w) > wm) {
            toFire.add(w);
          }
          long cleanup = cleanupTime(w);
          if (cleanup != slicing.maxTimestamp(w) && cleanup != Long.MAX_VALUE && cleanup > wm) {
            toClean.add(w);
          }
        }
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
   * One window's pass over the keys of its slices: on time, it fires the window for each key (and,
   * without allowed lateness, cleans it up too); at the cleanup time it cleans it up. A pass that
   * cleans up also retires the window's first {@code slide} of slices, which no later window holds.
   * The pass walks the lists of the window's slices in order and handles a key once, at its first
   * slice in the window: an entry whose key held an earlier slice in the window when it joined is
   * skipped without a look at the key's state; the others are nearly always the first (a slice made
   * out of order may have come between), and the key's map records which pass handled it last, so
   * no key is handled twice. Resumable: {@link #run} stops when the budget is spent and goes on
   * from there next time.
   */
  private final class Pass {
    final long start;
    final TimeWindow window;
    final boolean onTime;
    final boolean cleansUp;
    final long fireTime;
    final long cleanTime;

    /** The window's live slices, in order. */
    final long[] slices;

    /**
     * How many of {@link #slices} (a prefix) retire when the pass cleans up; 0 when it does not.
     */
    final int retiring;

    /** The slices before this start leave the keys' maps when the pass cleans up. */
    final long retiringEnd;

    /** How many slices a slide holds: the slices that retire from a key, at most. */
    final long retiringSteps;

    /** This pass's number, marked on each key's map as the pass handles it. */
    final long number = ++passes;

    /**
     * Whether the backend holds the very maps the operator stored (the heap), so the marks of
     * {@link SliceMap#handledBy} stay on them (a copy-on-write copy keeps them too): then each key
     * is read once, at its first slice in the window. A backend that keeps bytes loses the marks,
     * and the pass asks each entry's map whether it is the key's first and last slice.
     */
    final boolean marked = byReference == Boolean.TRUE;

    int slice;
    int position;

    Pass(long start, boolean onTime) {
      this.start = start;
      this.window = slicing.window(start);
      this.onTime = onTime;
      this.fireTime = slicing.maxTimestamp(start);
      this.cleanTime = cleanupTime(start);
      this.cleansUp = !onTime || cleanTime == fireTime;
      this.slices = sliceKeys.startsIn(start, start + slicing.size());
      this.retiringEnd = slicing.retiringEnd(start);
      this.retiringSteps = (retiringEnd - start) / slicing.width();
      int r = 0;
      if (cleansUp) {
        while (r < slices.length && slices[r] < retiringEnd) {
          r++;
        }
      }
      this.retiring = r;
    }

    /** Goes on with the pass; returns the budget left, and ends the pass when it is done. */
    int run(int budget) throws Exception {
      SliceKeys.KeyList keys = slice < slices.length ? sliceKeys.get(slices[slice]) : null;
      while (budget > 0) {
        if (slice == slices.length) {
          if (retiring > 0) {
            sliceKeys.removeAll(Arrays.copyOf(slices, retiring)); // every key dropped them
          }
          pass = null;
          return budget;
        }
        if (keys == null) {
          throw new IllegalStateException(
              "The key list of slice " + slices[slice] + " went before the pass of " + window);
        }
        if (position >= keys.size()) {
          slice++;
          position = 0;
          keys = slice < slices.length ? sliceKeys.get(slices[slice]) : null;
          continue;
        }
        int i = position++;
        budget--;
        if (marked) {
          if (keys.earlier(i) >= start) {
            continue; // the key held an earlier slice of this window: handled there
          }
          backend.setCurrentKey(keys.get(i));
          visitOnce(keys.map(i));
        } else {
          backend.setCurrentKey(keys.get(i));
          visitEach(keys.map(i));
        }
      }
      return budget;
    }

    /**
     * The current key, met in the list of slice {@code slices[slice]} with no earlier slice in the
     * window when it joined; {@code known} is its map from the list, or null when the state must be
     * asked. The first such meeting handles the key: it fires, cleans up and retires its slices.
     */
    private void visitOnce(SliceMap known) throws Exception {
      SliceMap m = known != null ? known : slicesState.value();
      if (m == null) {
        return;
      }
      if (m.handledBy == number) {
        return; // met before in this pass, at a slice made out of order since it joined here
      }
      m.handledBy = number;
      handle(m);
      if (retiring > 0) {
        retire(m);
      }
    }

    /**
     * The current key, met in the list of slice {@code slices[slice]}, on a backend whose maps do
     * not keep the pass marks (one that keeps bytes): the key is handled at its first slice in the
     * window, and its slices retire at its last, both found by asking its map.
     */
    private void visitEach(SliceMap known) throws Exception {
      SliceMap m = known != null ? known : slicesState.value();
      if (m == null || m.get(slices[slice]) == null) {
        return;
      }
      boolean first = true;
      for (int earlier = 0; earlier < slice && first; earlier++) {
        first = m.get(slices[earlier]) == null;
      }
      if (first) {
        handle(m);
      }
      if (retiring == 0) {
        return;
      }
      for (int later = slice + 1; later < slices.length; later++) {
        if (m.get(slices[later]) != null) {
          return; // the key's retiring slices go when the pass meets it at its last slice
        }
      }
      retire(m);
    }

    /** The current key's window fires (on time) and is cleaned up (when this pass does). */
    private void handle(SliceMap m) throws Exception {
      long done = firedUpTo();
      if (onTime && fireTime > done) {
        fire(window, sharesPartials && marked ? combineShared(m, start) : combine(m, start));
      }
      // with done past the window, a restored key group had fired and cleaned it up already
      if (cleansUp && (onTime ? fireTime : cleanTime) > done) {
        clearWindowState(window);
      }
    }

    /**
     * The current key's retiring slices leave its map: no later window holds them (when {@link
     * #marked}, the key's later entries in this pass are skipped, so the slices need not be there).
     */
    private void retire(SliceMap m) throws Exception {
      int removed;
      if (retiringSteps <= RETIRE_BY_LOOKUP) {
        removed = 0; // the retiring slices, one lookup each (no slice before the window is left)
        for (long s = start; s < retiringEnd; s += slicing.width()) {
          if (m.remove(s)) {
            removed++;
          }
        }
      } else {
        removed = m.removeBefore(retiringEnd); // many slices per slide: one walk of the map
      }
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

  /**
   * The window's result from its slices, or null when it holds none, with partial aggregates shared
   * with the key's neighbouring windows ({@link SliceMap.SharedPartials}, the "two stacks" of
   * sliding-window aggregation): about {@code 3k + 3} merges per window and key for a slide of
   * {@code k} slices, whatever the number of slices per window, where {@link #combine} merges every
   * slice. Only for windows fired in order of their end, on time (no allowed lateness), on a
   * backend that keeps the very map (the heap): see {@link #sharesPartials}. A record that changes
   * a slice below {@code backTo} (one behind the watermark still joins its later windows) drops the
   * partials in {@link #processElement}, and the next firing rebuilds them.
   */
  private Object combineShared(SliceMap slices, long windowStart) throws Exception {
    long width = slicing.width();
    long end = windowStart + slicing.size();
    SliceMap.SharedPartials p = slices.partials;
    if (p == null || windowStart < p.from || windowStart >= p.flip || end < p.backTo) {
      p = sharedPartials(slices, windowStart, end);
      slices.partials = p;
    }
    for (long s = p.backTo; s < end; s += width) { // the back takes the slices up to the end
      Object slice = slices.get(s);
      if (slice != null) {
        p.back =
            sliceFunction.combine(p.back == null ? sliceFunction.startWindow() : p.back, slice);
      }
    }
    p.backTo = end;
    Object front = p.suffix[(int) ((windowStart - p.from) / width)];
    if (front == null && p.back == null) {
      return null;
    }
    Object acc = sliceFunction.startWindow(); // a fresh one: the partials stay as they are
    if (front != null) {
      acc = sliceFunction.combine(acc, front);
    }
    if (p.back != null) {
      acc = sliceFunction.combine(acc, p.back);
    }
    return sliceFunction.result(acc);
  }

  /** New partials for windows from {@code [start, end)} on: suffixes of its slices, no back. */
  private SliceMap.SharedPartials sharedPartials(SliceMap slices, long start, long end)
      throws Exception {
    long width = slicing.width();
    int n = (int) ((end - start) / width);
    Object[] suffix = new Object[n];
    Object later = null; // the aggregate of the slices after the current one, up to the end
    for (int i = n - 1; i >= 0; i--) {
      Object slice = slices.get(start + i * width);
      if (slice != null) {
        Object acc = sliceFunction.combine(sliceFunction.startWindow(), slice);
        later = later == null ? acc : sliceFunction.combine(acc, later);
      }
      suffix[i] = later; // shared by reference where a slice is missing: partials never change
    }
    SliceMap.SharedPartials p = new SliceMap.SharedPartials();
    p.from = start;
    p.flip = end;
    p.backTo = end;
    p.suffix = suffix;
    return p;
  }

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

  /** The slices the operator keeps key lists for (over all keys, each slice once). */
  public int numKeyLists() {
    return sliceKeys.size();
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
    sliceKeys.forgetMaps();
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
      // Windows fire in passes that take no input and no barrier, so none is under way at a
      // snapshot and this is the watermark. Were one, the snapshot must not claim its keys fired
      // (passes run in order of their time, so every window due after it is later still).
      long upTo =
          pass == null
              ? currentWatermark()
              : Math.min(currentWatermark(), (pass.onTime ? pass.fireTime : pass.cleanTime) - 1);
      return (keyGroup, keys, writer) -> writer.entry().writeLong(upTo);
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
