package io.spry.runtime.operator.window;

import io.spry.api.OutputTag;
import io.spry.api.metrics.Counter;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.UdfOperator;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.state.KeyedStateBackend;
import java.util.Collections;

/**
 * Sliding (or tumbling) event-time windows with the default trigger and an incremental function,
 * computed from slices: each record updates the accumulator of exactly one slice of width {@code
 * gcd(size, slide)}, and a window that fires combines its {@code size / width} slices. Per record,
 * the cost and the state do not grow with {@code size / slide}; the per-window cost is one combine
 * per slice. Results, timestamps, late firings and late data are those of {@link WindowOperator}
 * with the same spec (see {@link WindowOperators} for when this operator is chosen).
 *
 * <p>State: per key, a {@link SliceMap} (slice start to accumulator) in keyed state {@value
 * #SLICES_STATE}. Timers, per key, namespaced by window:
 *
 * <ul>
 *   <li>firing, at a window's {@code maxTimestamp()}: set when a slice is created, for the first
 *       window of the slice that the watermark has not reached; when a window fires by its timer,
 *       the next window (one {@code slide} later) gets a timer if it holds one of the key's slices.
 *       So every window with data fires once on time, and a record costs a timer only when it
 *       creates a slice.
 *   <li>cleanup, at a window's {@code maxTimestamp() + allowedLateness} (the same timer when there
 *       is no lateness): set when the window fires. It clears the window function's per-window
 *       state and drops the window's first {@code slide} of slices, which no later window holds.
 * </ul>
 *
 * A record within the allowed lateness of windows the watermark has passed fires each of them at
 * once (latest first), as the default trigger does.
 *
 * @param <K> the key type
 * @param <IN> the type of records
 * @param <OUT> the type of results
 */
public final class SlicingWindowOperator<K, IN, OUT>
    extends UdfOperator<ProcessWindowFunction<Object, OUT, K, TimeWindow>, OUT>
    implements OneInputOperator<IN>, TimerService.Triggerable<TimeWindow> {

  /** The name of the keyed state that holds each key's slices. */
  public static final String SLICES_STATE = "window-slices";

  private final WindowAssigner<IN, TimeWindow> assigner;
  private final Slicing slicing;
  private final SliceFunction<IN> sliceFunction;
  private final long allowedLateness;
  private final OutputTag<IN> lateDataTag;
  private final TypeInfo<?> accumulatorType;

  private transient KeyedStateBackend backend;
  private transient ValueState<SliceMap> slicesState;
  private transient TimerService<TimeWindow> timers;
  private transient PerWindowStateStore windowState;
  private transient SliceProcessContext processContext;
  private transient TimestampedCollector<OUT> collector;
  private transient Counter lateRecordsDropped;
  private transient long liveSlices;

  /** Set by {@link #combine}: whether a slice of the window is also in the next window. */
  private transient boolean nextWindowHasSlices;

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
    liveSlices = 0;
    backend.forEachKey(slices, key -> liveSlices += slicesState.value().size()); // restored ones
    timers = new TimerService<>(backend, WindowOperator.TIMERS, TimeWindowTypeInfo.INSTANCE, this);
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
    if (slices == null) {
      slices = new SliceMap();
    }
    Object before = slices.get(slice);
    Object after = sliceFunction.add(value, before);
    if (after != before) {
      slices.put(slice, after);
    }
    // Written back even when only the accumulator changed in place: a backend that keeps bytes
    // (RocksDB) holds a copy. On the heap this stores the same reference again.
    slicesState.update(slices);
    long firstWindow = cachedFirstWindow;
    if (before == null) {
      liveSlices++;
      registerFirstFiring(firstWindow, lastWindow);
    }
    if (slicing.maxTimestamp(firstWindow) <= currentWatermark()) {
      fireLateWindows(slices, firstWindow, lastWindow);
    }
  }

  /** A new slice: a timer for its first window that the watermark has not reached. */
  private void registerFirstFiring(long firstWindow, long lastWindow) {
    long w = firstWindow;
    while (w <= lastWindow && slicing.maxTimestamp(w) <= currentWatermark()) {
      w += slicing.slide();
    }
    if (w <= lastWindow) {
      timers.registerEventTimeTimer(slicing.window(w), slicing.maxTimestamp(w));
    }
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
      TimeWindow window = slicing.window(w);
      fire(window, combine(slices, w));
      registerCleanup(window);
    }
  }

  // ---- time ----

  @Override
  public void processWatermark(long watermark) throws Exception {
    advanceWatermarkThenForward(watermark);
  }

  @Override
  protected boolean fireDueTimers(long watermark, int budget) throws Exception {
    return timers.advanceWatermark(watermark, budget);
  }

  @Override
  public void onEventTime(Timer<Object, TimeWindow> timer) throws Exception {
    TimeWindow window = timer.namespace();
    long w = window.getStart();
    SliceMap slices = slicesState.value();
    if (timer.timestamp() == window.maxTimestamp() && slices != null) {
      Object result = combine(slices, w);
      fire(window, result);
      if (nextWindowHasSlices) {
        long next = w + slicing.slide();
        timers.registerEventTimeTimer(slicing.window(next), slicing.maxTimestamp(next));
      }
      if (cleanupTime(w) != timer.timestamp()) {
        registerCleanup(window); // else this timer is the cleanup timer too
      }
    }
    if (timer.timestamp() == cleanupTime(w)) {
      cleanup(window, slices);
    }
  }

  @Override
  public void onProcessingTime(Timer<Object, TimeWindow> timer) {
    throw new IllegalStateException("Sliced event-time windows set no processing-time timers");
  }

  // ---- windows ----

  /**
   * The window's result from its slices, or null when it holds none. Also records whether the next
   * window holds any of them.
   */
  private Object combine(SliceMap slices, long windowStart) throws Exception {
    long end = windowStart + slicing.size();
    long nextStart = windowStart + slicing.slide();
    long width = slicing.width();
    // A window of one slice (always so for tumbling windows) is that slice: no merge is needed,
    // so aggregate functions without merge work as they do in Flink.
    Object first = null;
    Object acc = null;
    int count = 0;
    boolean inNext = false;
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
        inNext |= s >= nextStart;
      }
    }
    nextWindowHasSlices = inNext;
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

  /** The window's state goes: per-window function state, and the slices no later window holds. */
  private void cleanup(TimeWindow window, SliceMap slices) throws Exception {
    processContext.window = window;
    windowState.window = window;
    function.clear(processContext);
    windowState.clearAll(window);
    if (slices == null) {
      return;
    }
    long retiringEnd = slicing.retiringEnd(window.getStart());
    boolean removed = false;
    for (long s = window.getStart(); s < retiringEnd; s += slicing.width()) {
      if (slices.remove(s)) {
        liveSlices--;
        removed = true;
      }
    }
    if (slices.isEmpty()) {
      slicesState.clear();
    } else if (removed) {
      slicesState.update(slices);
    }
  }

  private void registerCleanup(TimeWindow window) {
    long t = cleanupTime(window.getStart());
    if (t != Long.MAX_VALUE) {
      timers.registerEventTimeTimer(window, t);
    }
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

  public int numEventTimeTimers() {
    return timers.numEventTimeTimers();
  }

  public int numProcessingTimeTimers() {
    return timers.numProcessingTimeTimers();
  }

  @Override
  public String toString() {
    return "SlicingWindowOperator(" + slicing + ", " + sliceFunction.function() + ")";
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
