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

  // ---- checkpoints ----

  private io.spry.runtime.checkpoint.OperatorStates operatorStates;
  private boolean restored;

  /**
   * Called once before {@link #open()}: restores the state of a checkpoint ({@code restored} is
   * {@link io.spry.runtime.checkpoint.RestoredState#EMPTY} on a fresh start). The default restores
   * the keyed backend and sets up operator state; operators with state of their own (timers, split
   * positions) extend it.
   */
  public void initializeState(io.spry.runtime.checkpoint.RestoredState restored, boolean isRestored)
      throws Exception {
    this.restored = isRestored;
    if (context.keyedBackend() != null) {
      // native snapshots first: a backend adopts one only while it is new
      io.spry.runtime.state.NativeSnapshotRestore.restore(
          context.keyedBackend(), restored.nativeKeyed());
      for (byte[] b : restored.keyed()) {
        context.keyedBackend().restore(new io.spry.api.types.MemoryDataInput(b));
      }
    }
    operatorStates =
        new io.spry.runtime.checkpoint.OperatorStates(context.operatorName(), restored);
    restoreWatermark(restored.list(WATERMARK));
    recordFailures.restore(restored.list(ERROR_BUDGET), context.subtaskIndex());
  }

  // Under a dead-letter policy, the operator's error budget: each subtask writes its share (failed
  // and processed records) to a union list, and a restored run starts from their sum.
  private static final String ERROR_BUDGET = "_error_budget";

  private RecordFailureHandler recordFailures = RecordFailureHandler.failing();

  /**
   * Sets what happens when the operator's function throws on a record (the error policy), before
   * {@link #initializeState}. The default fails.
   */
  public void setRecordFailureHandler(RecordFailureHandler failures) {
    this.recordFailures = failures;
  }

  // The watermark is checkpointed, so that a restored operator treats as late exactly the records
  // it treated as late before (a window that fired and was cleaned up is not opened again by a
  // replayed late record). Each subtask writes (subtask, parallelism, watermark) to a union list:
  // at the same parallelism a subtask takes its own, after rescaling the minimum of all.
  private static final String WATERMARK = "_watermark";

  private void restoreWatermark(java.util.List<byte[]> entries) throws java.io.IOException {
    long own = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    boolean sameParallelism = !entries.isEmpty();
    for (byte[] b : entries) {
      io.spry.api.types.MemoryDataInput in = new io.spry.api.types.MemoryDataInput(b);
      int subtask = in.readInt();
      int parallelism = in.readInt();
      long wm = in.readLong();
      min = Math.min(min, wm);
      sameParallelism &= parallelism == context.parallelism();
      if (subtask == context.subtaskIndex()) {
        own = wm;
      }
    }
    if (!entries.isEmpty()) {
      currentWatermark = sameParallelism && entries.size() == context.parallelism() ? own : min;
    }
  }

  /** Whether the job restored from a checkpoint or savepoint. */
  protected final boolean isRestored() {
    return restored;
  }

  /** This operator's operator state (lists and broadcast maps); valid from initializeState on. */
  protected final io.spry.runtime.checkpoint.OperatorStates operatorStates() {
    if (operatorStates == null) {
      operatorStates =
          new io.spry.runtime.checkpoint.OperatorStates(
              context.operatorName(), io.spry.runtime.checkpoint.RestoredState.EMPTY);
    }
    return operatorStates;
  }

  /**
   * Called on every operator of a chain, from its head on, before any of them takes its snapshot of
   * checkpoint {@code checkpointId}: the last chance to emit records that belong before the barrier
   * (buffered partial results), which the operators further down the chain then include in their
   * snapshots. The default does nothing.
   */
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {}

  /**
   * The synchronous part of a checkpoint, on the task's thread between records: writes this
   * operator's state into {@code out}. The default captures the keyed state (written later, see
   * {@link io.spry.runtime.state.CapturedSnapshot}) and writes the operator state.
   */
  public void snapshotState(
      io.spry.runtime.checkpoint.SubtaskState out, long checkpointId, long timestamp)
      throws Exception {
    if (context.keyedBackend() != null
        && out.incrementalAllowed()
        && context.keyedBackend() instanceof io.spry.runtime.state.NativeSnapshots n) {
      // an incremental checkpoint: the backend's own files, uploaded by the coordinator
      out.setNativeKeyed(n.snapshotNative(checkpointId));
    } else if (context.keyedBackend() != null) {
      // Captured now, written on the checkpoint's I/O thread (the heap backend captures in time
      // proportional to its key groups, and copies on write meanwhile).
      out.setKeyed(context.keyedBackend().captureSnapshot());
    }
    if (currentWatermark > Long.MIN_VALUE) {
      io.spry.api.types.MemoryDataOutput b = new io.spry.api.types.MemoryDataOutput(16);
      b.writeInt(context.subtaskIndex());
      b.writeInt(context.parallelism());
      b.writeLong(currentWatermark);
      out.putList(
          WATERMARK,
          io.spry.runtime.checkpoint.SubtaskState.ListMode.UNION,
          java.util.List.of(b.toByteArray()));
    }
    byte[] budgetShare = recordFailures.snapshot();
    if (budgetShare != null) {
      out.putList(
          ERROR_BUDGET,
          io.spry.runtime.checkpoint.SubtaskState.ListMode.UNION,
          java.util.List.of(budgetShare));
    }
    if (operatorStates != null) {
      operatorStates.snapshot(out);
    }
  }

  /** Every task acknowledged checkpoint {@code checkpointId}; its manifest is written. */
  public void notifyCheckpointComplete(long checkpointId) throws Exception {}

  /** Checkpoint {@code checkpointId} was aborted. */
  public void notifyCheckpointAborted(long checkpointId) throws Exception {}

  /** The watermark reached this operator; the default forwards it. */
  public void processWatermark(long watermark) throws Exception {
    setCurrentWatermark(watermark);
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

  /**
   * Event time only moves forward: after a restore the operator starts at its checkpointed
   * watermark, and lower watermarks from restarted sources do not take it back.
   */
  protected final void setCurrentWatermark(long watermark) {
    if (watermark > currentWatermark) {
      currentWatermark = watermark;
    }
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
