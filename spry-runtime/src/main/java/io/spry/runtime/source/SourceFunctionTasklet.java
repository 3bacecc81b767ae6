package io.spry.runtime.source;

import io.spry.api.functions.SourceFunction;
import io.spry.api.time.Clock;
import io.spry.runtime.operator.Output;
import io.spry.runtime.task.ChainTasklet;
import io.spry.runtime.task.IdleStrategy;
import io.spry.runtime.task.OperatorChain;
import java.util.concurrent.CancellationException;

/**
 * Runs a user's {@link SourceFunction} on a thread of its own. {@code collect} pushes the record
 * down the chain and, while downstream has no room, waits: the backpressure a blocking source sees.
 */
public final class SourceFunctionTasklet<T> extends ChainTasklet {
  private final SourceFunction<T> function;
  private final Output<T> output;
  private final Object lock = new Object();
  private final IdleStrategy idle = new IdleStrategy(1_000_000);
  private volatile boolean cancelled;
  private long lastTick = Long.MIN_VALUE;

  public SourceFunctionTasklet(
      String name, OperatorChain chain, Clock clock, SourceFunction<T> function, Output<T> output) {
    super(name, chain, false, clock);
    this.function = function;
    this.output = output;
  }

  @Override
  protected boolean processInput() throws Exception {
    function.run(
        new SourceFunction.SourceContext<>() {
          @Override
          public void collect(T element) {
            collectWithTimestamp(element, Long.MIN_VALUE);
          }

          @Override
          public void collectWithTimestamp(T element, long timestamp) {
            synchronized (lock) {
              try {
                processInboxNow();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              output.collect(element, timestamp);
              // The chain's operators (periodic watermarks, processing-time timers) get their
              // ticks here: the source function owns this thread until it returns.
              long now = clock().millis();
              if (now != lastTick) {
                lastTick = now;
                chain.tick(now);
              }
            }
            awaitRoom();
          }

          @Override
          public Object getCheckpointLock() {
            return lock;
          }
        });
    if (cancelled) {
      throw new CancellationException("cancelled");
    }
    output.emitWatermark(Long.MAX_VALUE);
    endOfInput();
    return true;
  }

  private void awaitRoom() {
    do {
      while (!chain.flush()) {
        if (cancelled || Thread.currentThread().isInterrupted()) {
          throw new CancellationException("The job was cancelled");
        }
        idle.idle();
      }
      idle.reset();
      if (chain.hasPendingWork()) {
        synchronized (lock) {
          chain.resumePendingWork();
        }
      }
    } while (chain.hasPendingWork());
  }

  /** A source function snapshots at its next record (under the checkpoint lock). */
  @Override
  protected void onTrigger(io.spry.runtime.exchange.CheckpointBarrier b) throws Exception {
    if (state() == State.RUNNING) {
      if (b.id() > lastSnapshotId()) {
        snapshotAndForward(b, 0);
      }
    } else {
      super.onTrigger(b);
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    function.cancel();
  }
}
