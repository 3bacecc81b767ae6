package io.spry.runtime.task;

import io.spry.runtime.exchange.EndOfInput;
import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.operator.OperatorContext;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.operator.StreamOperator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators of one task, fused: the head receives the task's input and each operator calls the
 * next directly. Owns the task's record writers (its edges to other tasks).
 */
public final class OperatorChain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorChain.class);

  private final List<StreamOperator<?>> operators;
  private final RecordWriter[] writers;
  private final StreamOperator<?>[] tickers;

  /**
   * @param operators the operators, each after the one that feeds it (head first)
   * @param writers the task's writers to other tasks
   */
  public OperatorChain(List<StreamOperator<?>> operators, List<RecordWriter> writers) {
    this.operators = List.copyOf(operators);
    this.writers = writers.toArray(new RecordWriter[0]);
    this.tickers =
        operators.stream()
            .filter(StreamOperator::wantsProcessingTimeTicks)
            .toArray(StreamOperator<?>[]::new);
  }

  /** The operators, head first. */
  public List<StreamOperator<?>> operators() {
    return operators;
  }

  /** Sends a control event (a checkpoint barrier) to every output, after what was written. */
  public void broadcastEvent(io.spry.runtime.exchange.ControlEvent event) {
    for (RecordWriter w : writers) {
      w.broadcastEvent(event);
    }
  }

  /**
   * Restores each operator's state (before {@link #open()}).
   *
   * @param restored per operator, head first
   */
  public void initializeState(
      List<io.spry.runtime.checkpoint.RestoredState> restored, boolean isRestored) {
    for (int i = 0; i < operators.size(); i++) {
      StreamOperator<?> op = operators.get(i);
      try {
        op.initializeState(restored.get(i), isRestored);
      } catch (OperatorException e) {
        throw e;
      } catch (Exception e) {
        throw fail(op, "restoring its state", e);
      }
    }
  }

  public StreamOperator<?> head() {
    return operators.get(0);
  }

  /** Opens the operators from the last to the head, so each one's consumers are ready. */
  public void open() throws Exception {
    for (int i = operators.size() - 1; i >= 0; i--) {
      StreamOperator<?> op = operators.get(i);
      try {
        op.open();
      } catch (OperatorException e) {
        throw e;
      } catch (Exception e) {
        throw fail(op, "in open()", e);
      }
    }
  }

  /** Whether any operator wants processing-time ticks (so the task need not read the clock). */
  public boolean wantsTicks() {
    return tickers.length > 0;
  }

  /** Gives operators that asked for it a processing-time tick. */
  public void tick(long nowMillis) {
    for (StreamOperator<?> op : tickers) {
      try {
        op.onProcessingTime(nowMillis);
      } catch (OperatorException e) {
        throw e;
      } catch (Exception e) {
        throw fail(op, "on processing time " + nowMillis, e);
      }
    }
  }

  /**
   * The end of input: each operator (head first) emits what it holds; then end-of-input goes out.
   */
  public void finish() {
    for (StreamOperator<?> op : operators) {
      try {
        op.finish();
      } catch (OperatorException e) {
        throw e;
      } catch (Exception e) {
        throw fail(op, "at the end of input", e);
      }
    }
    for (RecordWriter w : writers) {
      w.broadcastEvent(EndOfInput.INSTANCE);
    }
  }

  /** Whether an operator still fires the timers of a watermark (see StreamOperator). */
  public boolean hasPendingWork() {
    for (StreamOperator<?> op : operators) {
      if (op.hasPendingWork()) {
        return true;
      }
    }
    return false;
  }

  /** Lets each operator with pending timers fire its next share, head first. */
  public void resumePendingWork() {
    for (StreamOperator<?> op : operators) {
      if (op.hasPendingWork()) {
        try {
          op.resumePendingWork();
        } catch (OperatorException e) {
          throw e;
        } catch (Exception e) {
          throw fail(op, "firing timers", e);
        }
      }
    }
  }

  /** Publishes written records and moves overflow on; true when nothing waits for room. */
  public boolean flush() {
    boolean done = true;
    for (RecordWriter w : writers) {
      done &= w.flush();
    }
    return done;
  }

  /**
   * Closes every operator, even when some fail; then throws the first failure (later ones are
   * logged), so a sink whose close fails does not let its job finish as if all were written.
   */
  public void close() {
    Throwable first = null;
    StreamOperator<?> failed = null;
    for (StreamOperator<?> op : operators) {
      try {
        try {
          op.close();
        } finally {
          // a backend may hold native memory and files (RocksDB)
          if (op.getContext() != null && op.getContext().keyedBackend() != null) {
            op.getContext().keyedBackend().close();
          }
        }
      } catch (Throwable e) {
        if (first == null) {
          first = e;
          failed = op;
        } else {
          OperatorContext c = op.getContext();
          LOG.warn("Closing operator '{}' in task '{}' failed", c.operatorName(), c.taskName(), e);
        }
      }
    }
    if (first != null) {
      throw OperatorException.of(failed, "in close()", first);
    }
  }

  private static OperatorException fail(StreamOperator<?> op, String when, Exception e) {
    OperatorContext c = op.getContext();
    return new OperatorException(c.operatorName(), c.taskName(), when, e);
  }
}
