package io.spry.runtime.operator;

/**
 * An operator: a step of a task's chain. It sees only what it may use through its {@link
 * OperatorContext} (name and place, keyed state, clock, counters) and its {@link Output}; never the
 * task that runs it.
 *
 * <p>Lifecycle, all on the task's thread: {@link #setup}, {@link #open}, then records and
 * watermarks, then {@link #finish} at the end of input (emit what is left), then {@link #close}
 * (also on failure or cancellation, possibly without {@code finish}).
 */
public abstract class StreamOperator<OUT> {
  protected OperatorContext context;
  protected Output<OUT> output;
  private long currentWatermark = Long.MIN_VALUE;

  public final void setup(OperatorContext context, Output<OUT> output) {
    this.context = context;
    this.output = output;
  }

  public void open() throws Exception {}

  /** The watermark reached this operator; the default forwards it. */
  public void processWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    output.emitWatermark(watermark);
  }

  // ---- watermarks whose timers fire over several turns ----

  /** The most event-time timers an operator fires in one turn of its task. */
  public static final int TIMERS_PER_TURN = 1024;

  private boolean timersPending;
  private long pendingWatermark = Long.MIN_VALUE;

  /**
   * For operators with event-time timers: records the watermark, fires the due timers, at most
   * {@link #TIMERS_PER_TURN} of them now, and forwards the watermark once all have fired. The rest
   * fire on the task's next turns ({@link #resumePendingWork()}), after the output has drained: so
   * a watermark that closes a million windows cannot fill the heap with their results.
   */
  protected final void advanceWatermarkThenForward(long watermark) throws Exception {
    setCurrentWatermark(watermark);
    pendingWatermark = watermark;
    timersPending = true;
    resumePendingWork();
  }

  /**
   * Fires up to {@code budget} due event-time timers; true when none are left. Operators that use
   * {@link #advanceWatermarkThenForward} implement it.
   */
  protected boolean fireDueTimers(long watermark, int budget) throws Exception {
    return true;
  }

  /** Whether timers of a watermark still wait to fire; the task reads no input meanwhile. */
  public final boolean hasPendingWork() {
    return timersPending;
  }

  /** Fires the next share of pending timers; forwards the watermark when all have fired. */
  public final void resumePendingWork() throws Exception {
    if (timersPending && fireDueTimers(pendingWatermark, TIMERS_PER_TURN)) {
      timersPending = false;
      output.emitWatermark(pendingWatermark);
    }
  }

  /** The input became idle or active again; the default forwards the status. */
  public void processWatermarkStatus(boolean idle) throws Exception {
    output.emitWatermarkStatus(idle);
  }

  /** The last watermark this operator received. */
  public final long currentWatermark() {
    return currentWatermark;
  }

  protected final void setCurrentWatermark(long watermark) {
    currentWatermark = watermark;
  }

  /** Whether the task should call {@link #onProcessingTime} on each turn. */
  public boolean wantsProcessingTimeTicks() {
    return false;
  }

  /** Called on each of the task's turns when {@link #wantsProcessingTimeTicks()}. */
  public void onProcessingTime(long nowMillis) throws Exception {}

  /** The end of all input: emit what is left. */
  public void finish() throws Exception {}

  public void close() throws Exception {}

  public final OperatorContext getContext() {
    return context;
  }
}
