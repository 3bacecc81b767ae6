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
