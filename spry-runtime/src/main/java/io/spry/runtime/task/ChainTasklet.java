package io.spry.runtime.task;

import io.spry.api.time.Clock;

/**
 * A tasklet that runs an {@link OperatorChain}: the lifecycle every task shares, as a state
 * machine, with the input left to subclasses.
 *
 * <pre>
 * OPENING -> RUNNING -> FINISHING -> FLUSHING -> DONE
 * </pre>
 *
 * In RUNNING, a turn first flushes the writers: while they hold records a consumer has not taken,
 * the task reads no new input (backpressure). The subclass's {@link #processInput()} moves to
 * FINISHING at the end of all input.
 */
public abstract class ChainTasklet implements Tasklet {

  /** The lifecycle. */
  protected enum State {
    OPENING,
    RUNNING,
    FINISHING,
    FLUSHING,
    DONE
  }

  protected final OperatorChain chain;
  private final String name;
  private final boolean cooperative;
  private final Clock clock;
  private State state = State.OPENING;
  private boolean closed;

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
        chain.open();
        onOpened();
        state = State.RUNNING;
        return ProgressState.MADE_PROGRESS;
      }
      case RUNNING -> {
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
      case DONE -> {
        return ProgressState.DONE;
      }
      default -> throw new IllegalStateException(String.valueOf(state));
    }
  }

  private ProgressState flushToEnd() {
    if (chain.flush()) {
      state = State.DONE;
      return ProgressState.DONE;
    }
    return ProgressState.NO_PROGRESS;
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
