package io.spry.runtime.task;

import io.spry.api.time.Clock;
import io.spry.runtime.checkpoint.CheckpointResponder;
import io.spry.runtime.checkpoint.SubtaskState;
import io.spry.runtime.checkpoint.TaskMessage;
import io.spry.runtime.exchange.CheckpointBarrier;
import io.spry.runtime.operator.StreamOperator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A tasklet that runs an {@link OperatorChain}: the lifecycle every task shares, as a state
 * machine, with the input left to subclasses.
 *
 * <pre>
 * OPENING -> RUNNING -> FINISHING -> FLUSHING -> [AWAITING_FINAL_CHECKPOINT ->] DONE
 * </pre>
 *
 * In RUNNING, a turn first flushes the writers: while they hold records a consumer has not taken,
 * the task reads no new input (backpressure). The subclass's {@link #processInput()} moves to
 * FINISHING at the end of all input.
 *
 * <h2>Checkpoints</h2>
 *
 * The coordinator reaches the task through its inbox ({@link #post}): a trigger (a {@link
 * CheckpointBarrier}) and completions. Sources snapshot when triggered; other tasks when the
 * barrier has come on every input ({@link StreamTasklet}). {@link #snapshotAndForward} is the
 * synchronous part: every operator writes its state, the barrier goes to every output, and the
 * states go to the coordinator, which writes them on other threads. With checkpointing on, a task
 * that has processed all its input does not end at once: it waits until a checkpoint it took after
 * its end completes, so that what it emitted last is covered by a checkpoint (a restore would
 * otherwise run it again, or a transactional sink would never commit it).
 */
public abstract class ChainTasklet implements Tasklet {

  /** The lifecycle. */
  protected enum State {
    OPENING,
    RUNNING,
    FINISHING,
    FLUSHING,
    AWAITING_FINAL_CHECKPOINT,
    DONE
  }

  protected final OperatorChain chain;
  private final String name;
  private final boolean cooperative;
  private final Clock clock;
  private State state = State.OPENING;
  private boolean closed;

  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
  private CheckpointResponder responder = CheckpointResponder.NONE;
  private boolean checkpointing;
  private int taskIndex;
  private List<String> operatorIds = List.of();
  private long lastSnapshotId;
  private long finalSnapshotId = -1;
  private List<io.spry.runtime.checkpoint.RestoredState> restored;
  private boolean isRestored;

  protected ChainTasklet(String name, OperatorChain chain, boolean cooperative, Clock clock) {
    this.name = name;
    this.chain = chain;
    this.cooperative = cooperative;
    this.clock = clock;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean isCooperative() {
    return cooperative;
  }

  @Override
  public final ProgressState call() throws Exception {
    switch (state) {
      case OPENING -> {
        List<io.spry.runtime.checkpoint.RestoredState> r = restored;
        if (r == null) {
          r =
              java.util.Collections.nCopies(
                  chain.operators().size(), io.spry.runtime.checkpoint.RestoredState.EMPTY);
        }
        chain.initializeState(r, isRestored);
        restored = null;
        chain.open();
        onOpened();
        state = State.RUNNING;
        return ProgressState.MADE_PROGRESS;
      }
      case RUNNING -> {
        if (!inbox.isEmpty() && !chain.hasPendingWork()) {
          processInbox();
        }
        if (!chain.flush()) {
          return ProgressState.NO_PROGRESS;
        }
        if (chain.hasPendingWork()) {
          // timers of a watermark fire a share per turn, with the output drained in between
          chain.resumePendingWork();
          chain.flush();
          return ProgressState.MADE_PROGRESS;
        }
        if (chain.wantsTicks()) {
          chain.tick(clock.millis());
        }
        boolean progress = processInput();
        if (state == State.RUNNING) {
          chain.flush();
          return progress ? ProgressState.MADE_PROGRESS : ProgressState.NO_PROGRESS;
        }
        return ProgressState.MADE_PROGRESS;
      }
      case FINISHING -> {
        if (chain.hasPendingWork()) {
          if (chain.flush()) {
            chain.resumePendingWork();
            chain.flush();
          }
          return ProgressState.MADE_PROGRESS;
        }
        chain.finish();
        state = State.FLUSHING;
        return flushToEnd();
      }
      case FLUSHING -> {
        return flushToEnd();
      }
      case AWAITING_FINAL_CHECKPOINT -> {
        return awaitFinalCheckpoint();
      }
      case DONE -> {
        return ProgressState.DONE;
      }
      default -> throw new IllegalStateException(String.valueOf(state));
    }
  }

  private ProgressState flushToEnd() {
    if (chain.flush()) {
      if (checkpointing) {
        state = State.AWAITING_FINAL_CHECKPOINT;
        responder.finishedInput(taskIndex);
        return ProgressState.MADE_PROGRESS;
      }
      state = State.DONE;
      return ProgressState.DONE;
    }
    return ProgressState.NO_PROGRESS;
  }

  private ProgressState awaitFinalCheckpoint() throws Exception {
    boolean progress = false;
    if (!inbox.isEmpty()) {
      processInbox();
      progress = true;
    }
    CheckpointBarrier b = pollSourceTrigger();
    if (b != null) {
      onTrigger(b);
      progress = true;
    }
    chain.flush();
    if (state == State.DONE) {
      return ProgressState.DONE;
    }
    return progress ? ProgressState.MADE_PROGRESS : ProgressState.NO_PROGRESS;
  }

  // ---- checkpoints ----

  /**
   * Turns checkpointing on for this task.
   *
   * @param operatorIds the ids (uids) of the chain's operators, head first
   */
  public final void enableCheckpointing(
      CheckpointResponder responder, int taskIndex, List<String> operatorIds) {
    this.responder = responder;
    this.taskIndex = taskIndex;
    this.operatorIds = List.copyOf(operatorIds);
    this.checkpointing = true;
  }

  /** The state each operator (head first) restores before it opens. */
  public final void setRestoredState(
      List<io.spry.runtime.checkpoint.RestoredState> restored, boolean isRestored) {
    this.restored = restored;
    this.isRestored = isRestored;
  }

  /** From any thread: a trigger ({@link CheckpointBarrier}) or a {@link TaskMessage}. */
  public final void post(Object message) {
    inbox.add(message);
    onPosted();
  }

  /**
   * Called on the posting thread after a message went into the inbox; for tasks whose own thread
   * may be away in user code when it comes (source functions).
   */
  protected void onPosted() {}

  protected final boolean isCheckpointing() {
    return checkpointing;
  }

  private void processInbox() throws Exception {
    Object m;
    while ((m = inbox.poll()) != null) {
      if (m instanceof CheckpointBarrier b) {
        onTrigger(b);
      } else if (m instanceof TaskMessage.Complete c) {
        for (StreamOperator<?> op : chain.operators()) {
          op.notifyCheckpointComplete(c.id());
        }
        if (state == State.AWAITING_FINAL_CHECKPOINT
            && finalSnapshotId >= 0
            && c.id() >= finalSnapshotId) {
          state = State.DONE;
          responder.taskDone(taskIndex);
        }
      } else if (m instanceof TaskMessage.Aborted a) {
        for (StreamOperator<?> op : chain.operators()) {
          op.notifyCheckpointAborted(a.id());
        }
        onAborted(a.id());
      }
    }
  }

  /**
   * The coordinator triggered a checkpoint through the inbox. After the end of input every task
   * snapshots at once (no barrier will come); before it, a source snapshots and other tasks wait
   * for barriers (see StreamTasklet).
   */
  protected void onTrigger(CheckpointBarrier b) throws Exception {
    if (state == State.AWAITING_FINAL_CHECKPOINT && b.id() > lastSnapshotId) {
      snapshotAndForward(b, 0);
      finalSnapshotId = b.id();
    }
  }

  /** Whether a message waits in the inbox. */
  protected final boolean hasMessages() {
    return !inbox.isEmpty();
  }

  /**
   * Handles what waits in the inbox now; for tasks whose input loop does not return between records
   * (source functions). Call only between records.
   */
  protected final void processInboxNow() throws Exception {
    if (!inbox.isEmpty()) {
      processInbox();
    }
  }

  /** A source's trigger that arrived through its own mailbox, or null. */
  protected CheckpointBarrier pollSourceTrigger() throws Exception {
    return null;
  }

  /** Checkpoint {@code id} was aborted. */
  protected void onAborted(long id) {}

  /** The last checkpoint this task took its snapshot of. */
  protected final long lastSnapshotId() {
    return lastSnapshotId;
  }

  /**
   * The synchronous part of a checkpoint: each operator writes its state, the barrier goes to every
   * output, and the states go to the coordinator. An operator that cannot write its state fails the
   * task (as Flink does when no checkpoint failure is tolerated): the job restarts from the last
   * good checkpoint rather than run on without new ones.
   */
  protected final void snapshotAndForward(CheckpointBarrier b, long alignmentNanos) {
    lastSnapshotId = b.id();
    long start = System.nanoTime();
    Map<String, SubtaskState> states = new LinkedHashMap<>();
    List<StreamOperator<?>> ops = chain.operators();
    for (StreamOperator<?> op : ops) {
      try {
        op.prepareSnapshotPreBarrier(b.id());
      } catch (Exception e) {
        throw io.spry.runtime.operator.OperatorException.of(
            op, "preparing its snapshot of checkpoint " + b.id(), e);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      SubtaskState s = new SubtaskState();
      s.setIncrementalAllowed(b.isIncremental());
      StreamOperator<?> op = ops.get(i);
      try {
        op.snapshotState(s, b.id(), b.timestamp());
      } catch (Exception e) {
        s.release(); // captured keyed snapshots are dropped: the task fails
        SubtaskState.releaseAll(states.values());
        throw io.spry.runtime.operator.OperatorException.of(
            op, "taking its snapshot of checkpoint " + b.id(), e);
      }
      if (!s.isEmpty()) {
        states.put(operatorIds.get(i), s);
      }
    }
    chain.broadcastEvent(b);
    responder.acknowledge(taskIndex, b.id(), states, System.nanoTime() - start, alignmentNanos);
  }

  /** Called once after the operators opened. */
  protected void onOpened() throws Exception {}

  /**
   * Processes a bounded amount of input; calls {@link #endOfInput()} when there will be no more.
   *
   * @return whether anything was processed
   */
  protected abstract boolean processInput() throws Exception;

  /** All input has been processed: the chain finishes on the next turn. */
  protected final void endOfInput() {
    state = State.FINISHING;
  }

  protected final State state() {
    return state;
  }

  protected final Clock clock() {
    return clock;
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      try {
        chain.close();
      } finally {
        onClosed();
      }
    }
  }

  /** Called once after the operators closed. */
  protected void onClosed() {}

  @Override
  public String toString() {
    return name + "[" + state + "]";
  }
}
