package io.spry.runtime.operator.window;

import io.spry.api.OutputTag;
import io.spry.api.metrics.Counter;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.MergingWindowAssigner;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.triggers.TriggerResult;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.Window;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.UdfOperator;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * {@code keyBy(...).window(...)} and {@code windowAll(...)}: puts each record into its windows,
 * asks the trigger what to do, and runs the window function when a window fires.
 *
 * <p>Per record: the assigner gives the windows (merged with the key's windows for a merging
 * assigner); a window whose cleanup time (end + allowed lateness, event time) the watermark has
 * reached is skipped; otherwise the record is added to the window's contents, the trigger decides,
 * and a cleanup timer is set (unless the trigger's timer is it: see {@link #triggerTimerCleansUp}).
 * A record all of whose windows were skipped is late: it goes to the late-data side output, or is
 * dropped and counted in {@value #LATE_RECORDS_DROPPED}.
 *
 * <p>Timers are namespaced by window. Event-time timers fire when a watermark reaches them, before
 * the watermark goes downstream; processing-time timers on the task's turns. At a window's cleanup
 * time its contents, trigger state, per-window function state and (for merging assigners) its entry
 * in the key's window set are removed. Results carry the timestamp {@code window.maxTimestamp()}.
 *
 * @param <K> the key type
 * @param <IN> the type of records
 * @param <OUT> the type of results
 * @param <W> the window type
 */
public final class WindowOperator<K, IN, OUT, W extends Window>
    extends UdfOperator<ProcessWindowFunction<Object, OUT, K, W>, OUT>
    implements OneInputOperator<IN>, TimerService.Triggerable<W> {

  /** The counter of late records dropped (not sent to a side output). */
  public static final String LATE_RECORDS_DROPPED = "numLateRecordsDropped";

  /** The name of the window timers in snapshots. */
  public static final String TIMERS = "window-timers";

  private final WindowSpec spec;
  private final WindowAssigner<IN, W> assigner;
  private final Trigger<IN, W> trigger;
  private final boolean eventTime;
  private final long allowedLateness;
  private final OutputTag<IN> lateDataTag;

  /**
   * Whether the trigger's own timer is the cleanup timer: the default {@code EventTimeTrigger},
   * event time, no allowed lateness, windows that do not merge. A window that is not late then ends
   * after the watermark, so the trigger registers a timer at its end, which is its cleanup time
   * too; registering that timer again for the cleanup would only look it up a second time.
   */
  private final boolean triggerTimerCleansUp;

  /**
   * Whether a record added to a window that already holds records skips the trigger: with {@link
   * #triggerTimerCleansUp}, the default trigger's {@code onElement} for a window that is not late
   * only registers the timer at the window's end, which the window's first record registered (the
   * timer goes only when it fires, and the window's contents with it; a snapshot holds both). So
   * for every record after a window's first, the timer's hash and lookup are saved. Only where the
   * contents can tell cheaply whether they hold anything (the heap backend): on RocksDB that would
   * be a read.
   */
  private transient boolean skipsKnownTimer;

  private transient KeyedStateBackend backend;
  private transient TimerService<W> timers;
  private transient WindowContents<IN, W> contents;
  private transient MergingWindowSet<W> mergingWindows;
  private transient WindowTriggerContext<W> triggerContext;
  private transient WindowProcessContext processContext;
  private transient PerWindowStateStore windowState;
  private transient TimestampedCollector<OUT> collector;
  private transient WindowAssigner.WindowAssignerContext assignerContext;
  private transient Counter lateRecordsDropped;

  /**
   * For tumbling event-time windows: the last record's windows, handed out again while records fall
   * into the same window, so that a run of records shares one window object (no allocation, and
   * state and timer lookups find it by identity).
   */
  private transient Collection<W> lastWindows;

  private transient long lastWindowStart;
  private transient long lastWindowEnd;

  @SuppressWarnings("unchecked")
  public WindowOperator(WindowSpec spec) {
    super((ProcessWindowFunction<Object, OUT, K, W>) spec.function());
    this.spec = spec;
    this.assigner = (WindowAssigner<IN, W>) spec.assigner();
    this.trigger = (Trigger<IN, W>) spec.trigger();
    this.eventTime = assigner.isEventTime();
    this.allowedLateness = spec.allowedLateness();
    this.lateDataTag = (OutputTag<IN>) spec.lateDataTag();
    this.triggerTimerCleansUp =
        eventTime
            && allowedLateness == 0
            && trigger.getClass() == EventTimeTrigger.class
            && !(assigner instanceof MergingWindowAssigner<?, ?>);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    backend = context.keyedBackend();
    if (backend == null) {
      throw new IllegalStateException(
          "The window operator '" + context.operatorName() + "' needs a keyed input");
    }
    TypeInfo<W> windowType = assigner.getWindowType();
    timers = new TimerService<>(backend, TIMERS, windowType, this);
    EvictorContextImpl evictorContext = new EvictorContextImpl();
    contents =
        WindowContents.create(
            backend,
            spec.contentsDescriptor(),
            windowType,
            (Evictor<? super IN, ? super W>) spec.evictor(),
            evictorContext);
    skipsKnownTimer = triggerTimerCleansUp && contents.namespaced.holdsValueCheaply();
    if (assigner instanceof MergingWindowAssigner<IN, W> merging) {
      mergingWindows = new MergingWindowSet<>(merging, backend, windowType);
    }
    triggerContext = new WindowTriggerContext<>(this, backend, timers, windowType);
    windowState = new PerWindowStateStore(backend, windowType);
    processContext = new WindowProcessContext(function, new GlobalStateStore(backend));
    collector = new TimestampedCollector<>(output);
    assignerContext = new AssignerContextImpl();
    lateRecordsDropped = context.counters().counter(LATE_RECORDS_DROPPED);
    super.open();
  }

  // ---- records ----

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    Collection<W> windows = assignWindows(value, timestamp);
    boolean late =
        mergingWindows != null
            ? addToMergingWindows(value, timestamp, windows)
            : addToWindows(value, timestamp, windows);
    if (late) {
      if (lateDataTag != null) {
        output.collect(lateDataTag, value, timestamp);
      } else {
        lateRecordsDropped.inc();
      }
    }
  }

  private Collection<W> assignWindows(IN value, long timestamp) {
    if (lastWindows != null
        && timestamp >= lastWindowStart
        && timestamp < lastWindowEnd
        && timestamp != Long.MIN_VALUE) {
      return lastWindows; // tumbling: the window is a pure function of the timestamp
    }
    Collection<W> windows = assigner.assignWindows(value, timestamp, assignerContext);
    if (assigner instanceof TumblingEventTimeWindows
        && windows.size() == 1
        && windows.iterator().next() instanceof TimeWindow w) {
      lastWindows = windows;
      lastWindowStart = w.getStart();
      lastWindowEnd = w.getEnd();
    }
    return windows;
  }

  /** Adds the record to each of its windows that is not late; true if all were late. */
  private boolean addToWindows(IN value, long timestamp, Collection<W> windows) throws Exception {
    boolean allLate = !windows.isEmpty();
    if (windows instanceof List<W> list && windows instanceof RandomAccess) {
      for (int i = 0, n = list.size(); i < n; i++) {
        allLate &= !addToWindow(value, timestamp, list.get(i));
      }
    } else {
      for (W w : windows) {
        allLate &= !addToWindow(value, timestamp, w);
      }
    }
    return allLate;
  }

  /** Adds the record to the window unless it is late; true if added. */
  private boolean addToWindow(IN value, long timestamp, W window) throws Exception {
    if (isLate(window)) {
      return false;
    }
    contents.setWindow(window);
    boolean timerKnown = skipsKnownTimer && contents.namespaced.holdsValue();
    contents.add(value, timestamp);
    if (!timerKnown) {
      onElement(value, timestamp, window);
    }
    return true;
  }

  private boolean addToMergingWindows(IN value, long timestamp, Collection<W> windows)
      throws Exception {
    ArrayList<W> keyWindows = mergingWindows.load();
    boolean allLate = !windows.isEmpty();
    for (W w : windows) {
      W actual = mergingWindows.add(keyWindows, w, this::mergeWindows);
      if (isLate(actual)) {
        keyWindows.remove(actual);
        continue;
      }
      allLate = false;
      contents.setWindow(actual);
      contents.add(value, timestamp);
      onElement(value, timestamp, actual);
    }
    mergingWindows.store(keyWindows);
    return allLate;
  }

  /** Windows of the current key merged into {@code result}: move their state and timers. */
  private void mergeWindows(W result, Collection<W> merged) throws Exception {
    if (isLate(result)) {
      throw new IllegalStateException(
          "Merging windows "
              + merged
              + " gave "
              + result
              + ", which is already late (its end is before the watermark "
              + currentWatermark()
              + "). A merging assigner must not make windows end earlier.");
    }
    triggerContext.window = result;
    triggerContext.mergedWindows = merged;
    trigger.onMerge(result, triggerContext);
    triggerContext.mergedWindows = List.of();
    for (W m : merged) {
      triggerContext.window = m;
      trigger.clear(m, triggerContext);
      deleteCleanupTimer(m);
    }
    contents.merge(result, merged);
  }

  private void onElement(IN value, long timestamp, W window) throws Exception {
    triggerContext.window = window;
    TriggerResult result = trigger.onElement(value, timestamp, window, triggerContext);
    act(result, window);
    if (!triggerTimerCleansUp) {
      registerCleanupTimer(window);
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
  public boolean wantsProcessingTimeTicks() {
    return true;
  }

  @Override
  public void onProcessingTime(long nowMillis) throws Exception {
    if (timers.nextProcessingTime() <= nowMillis) {
      timers.advanceProcessingTime(nowMillis);
    }
  }

  @Override
  public void onEventTime(Timer<Object, W> timer) throws Exception {
    W window = timer.namespace();
    if (!isActive(window)) {
      return;
    }
    contents.setWindow(window);
    triggerContext.window = window;
    act(trigger.onEventTime(timer.timestamp(), window, triggerContext), window);
    if (eventTime && timer.timestamp() == cleanupTime(window)) {
      clearAllState(window);
    }
  }

  @Override
  public void onProcessingTime(Timer<Object, W> timer) throws Exception {
    W window = timer.namespace();
    if (!isActive(window)) {
      return;
    }
    contents.setWindow(window);
    triggerContext.window = window;
    act(trigger.onProcessingTime(timer.timestamp(), window, triggerContext), window);
    if (!eventTime && timer.timestamp() == cleanupTime(window)) {
      clearAllState(window);
    }
  }

  /**
   * Whether a timer's window still exists: a merged-away window's timers are deleted by its
   * trigger, but a trigger that forgets leaves them behind.
   */
  private boolean isActive(W window) throws Exception {
    return mergingWindows == null || mergingWindows.contains(window);
  }

  // ---- firing and cleanup ----

  /** Fires and purges as the trigger decided; the contents are scoped to {@code window}. */
  private void act(TriggerResult result, W window) throws Exception {
    if (result.isFire()) {
      fire(window);
    }
    if (result.isPurge()) {
      contents.clear();
    }
  }

  private void fire(W window) throws Exception {
    Iterable<?> input = contents.beforeFire(window);
    if (input == null) {
      return;
    }
    collector.setTimestamp(window.maxTimestamp());
    processContext.window = window;
    windowState.window = window;
    function.process(currentKey(), processContext, castInput(input), collector);
    contents.afterFire(window);
  }

  @SuppressWarnings("unchecked")
  private static Iterable<Object> castInput(Iterable<?> input) {
    return (Iterable<Object>) input;
  }

  private void clearAllState(W window) throws Exception {
    contents.clear();
    triggerContext.window = window;
    trigger.clear(window, triggerContext);
    processContext.window = window;
    windowState.window = window;
    function.clear(processContext);
    windowState.clearAll(window);
    if (mergingWindows != null) {
      mergingWindows.retire(window);
    }
  }

  /** When the window's state goes: its end plus the allowed lateness (event time), or its end. */
  private long cleanupTime(W window) {
    if (!eventTime) {
      return window.maxTimestamp();
    }
    long t = window.maxTimestamp() + allowedLateness;
    return t >= window.maxTimestamp() ? t : Long.MAX_VALUE;
  }

  private boolean isLate(W window) {
    return eventTime && cleanupTime(window) <= currentWatermark();
  }

  private void registerCleanupTimer(W window) {
    long t = cleanupTime(window);
    if (t == Long.MAX_VALUE) {
      return; // a window that never ends (GlobalWindow) is never cleaned up
    }
    if (eventTime) {
      timers.registerEventTimeTimer(window, t);
    } else {
      timers.registerProcessingTimeTimer(window, t);
    }
  }

  private void deleteCleanupTimer(W window) {
    long t = cleanupTime(window);
    if (t == Long.MAX_VALUE) {
      return;
    }
    if (eventTime) {
      timers.deleteEventTimeTimer(window, t);
    } else {
      timers.deleteProcessingTimeTimer(window, t);
    }
  }

  @SuppressWarnings("unchecked")
  private K currentKey() {
    return (K) backend.getCurrentKey();
  }

  // ---- introspection for tests ----

  public int numEventTimeTimers() {
    return timers.numEventTimeTimers();
  }

  public int numProcessingTimeTimers() {
    return timers.numProcessingTimeTimers();
  }

  // ---- contexts ----

  private final class WindowProcessContext
      extends ProcessWindowFunction<Object, OUT, K, W>.Context {
    private final KeyedStateStore globalState;
    W window;

    WindowProcessContext(ProcessWindowFunction<Object, OUT, K, W> f, KeyedStateStore globalState) {
      f.super();
      this.globalState = globalState;
    }

    @Override
    public W window() {
      return window;
    }

    @Override
    public long currentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long currentWatermark() {
      return WindowOperator.this.currentWatermark();
    }

    @Override
    public KeyedStateStore windowState() {
      if (mergingWindows != null) {
        throw new UnsupportedOperationException(
            "Per-window state is not available with merging windows ("
                + assigner
                + "): a session's window changes as it merges. Keep state in globalState(), or"
                + " use a non-merging assigner");
      }
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

  private final class EvictorContextImpl implements Evictor.EvictorContext {
    @Override
    public long getCurrentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long getCurrentWatermark() {
      return currentWatermark();
    }
  }

  private final class AssignerContextImpl extends WindowAssigner.WindowAssignerContext {
    @Override
    public long getCurrentProcessingTime() {
      return context.clock().millis();
    }
  }
}
