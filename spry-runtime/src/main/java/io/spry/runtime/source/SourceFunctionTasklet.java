package io.spry.runtime.source;

import io.spry.api.functions.SourceFunction;
import io.spry.api.time.Clock;
import io.spry.runtime.exchange.CheckpointBarrier;
import io.spry.runtime.operator.Output;
import io.spry.runtime.task.ChainTasklet;
import io.spry.runtime.task.IdleStrategy;
import io.spry.runtime.task.OperatorChain;
import io.spry.runtime.task.UninterruptibleWait;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a user's {@link SourceFunction} on a thread of its own. {@code collect} pushes the record
 * down the chain and, while downstream has no room, waits: the backpressure a blocking source sees.
 *
 * <h2>Threads and the checkpoint lock</h2>
 *
 * The function's {@code run} owns the task's thread (the source thread) until it returns. The
 * checkpoint lock ({@link #lock}, what {@code getCheckpointLock()} returns) guards everything else:
 * the chain (records, ticks, flushes), the inbox, and the checkpoint bookkeeping of {@link
 * ChainTasklet}. The function may hold the lock around several emits and changes of its own state
 * (an offset); such a block must be in a checkpoint whole or not at all. So a snapshot is taken
 * only by a thread that acquired the lock while the function did not hold it:
 *
 * <ul>
 *   <li>{@code collect} called without the function holding the lock handles the inbox itself,
 *       before the record;
 *   <li>otherwise the inbox waits for the mailbox thread, which {@link #onPosted} wakes for every
 *       message: it takes the lock as soon as the function lets go of it (between its blocks, or
 *       while it waits for input, so an idle source is checkpointed too).
 * </ul>
 *
 * The lock is reentrant, so {@code collect} never handles the inbox when {@link Thread#holdsLock}
 * says the caller already holds it: that was the bug of snapshotting in the middle of the
 * function's block. The mailbox thread acts only while {@code run} is in progress ({@link #inRun},
 * changed under the lock); before and after, the task's own turns handle the inbox as in every
 * task. A failure of the mailbox thread (a snapshot that fails) cancels the function and fails the
 * task on the source thread. A function that never lets go of the lock is never checkpointed.
 */
public final class SourceFunctionTasklet<T> extends ChainTasklet {
  private final SourceFunction<T> function;
  private final Output<T> output;
  private final Object lock = new Object();
  private final IdleStrategy idle = new IdleStrategy(1_000_000);
  private final AtomicBoolean handoffScheduled = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile Throwable mailboxFailure;
  private volatile ExecutorService mailbox; // set when run starts
  private boolean inRun; // guarded by lock
  private long lastTick = Long.MIN_VALUE;

  public SourceFunctionTasklet(
      String name, OperatorChain chain, Clock clock, SourceFunction<T> function, Output<T> output) {
    super(name, chain, false, clock);
    this.function = function;
    this.output = output;
  }

  @Override
  protected boolean processInput() throws Exception {
    synchronized (lock) {
      String threadName = Thread.currentThread().getName() + "-mailbox";
      mailbox =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
              });
      inRun = true;
    }
    Throwable runFailure = null;
    try {
      synchronized (lock) {
        processInboxNow(); // what came before run started
      }
      function.run(new Context());
    } catch (Throwable e) {
      runFailure = e;
    } finally {
      synchronized (lock) {
        inRun = false;
        mailbox.shutdown();
      }
    }
    awaitMailboxEnd();
    Throwable failure = mailboxFailure != null ? mailboxFailure : runFailure;
    if (failure != null) {
      if (runFailure != null && runFailure != failure) {
        failure.addSuppressed(runFailure);
      }
      if (failure instanceof Exception e) {
        throw e;
      }
      throw (Error) failure;
    }
    if (cancelled) {
      throw new CancellationException("cancelled");
    }
    output.emitWatermark(Long.MAX_VALUE);
    endOfInput();
    return true;
  }

  /**
   * A handoff waiting for the lock sees that run ended and returns: the mailbox thread ends with
   * the run (also when the run was cancelled by an interrupt, which is kept). Waits up to 10 s,
   * through interrupts.
   */
  private void awaitMailboxEnd() {
    UninterruptibleWait.awaitTermination(mailbox, 10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** What the function emits through; runs on the source thread. */
  private final class Context implements SourceFunction.SourceContext<T> {
    @Override
    public void collect(T element) {
      collectWithTimestamp(element, Long.MIN_VALUE);
    }

    @Override
    public void collectWithTimestamp(T element, long timestamp) {
      rethrowMailboxFailure();
      // asked only when a message waits: holdsLock is not free, and this runs per record
      boolean handleInbox = hasMessages() && !Thread.holdsLock(lock);
      synchronized (lock) {
        if (handleInbox) {
          try {
            processInboxNow();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
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
  }

  private void awaitRoom() {
    boolean pending;
    do {
      while (!flush()) {
        if (cancelled || Thread.currentThread().isInterrupted()) {
          throw new CancellationException("The job was cancelled");
        }
        rethrowMailboxFailure();
        idle.idle();
      }
      idle.reset();
      synchronized (lock) {
        pending = chain.hasPendingWork();
        if (pending) {
          chain.resumePendingWork();
        }
      }
    } while (pending);
  }

  private boolean flush() {
    synchronized (lock) {
      return chain.flush();
    }
  }

  /**
   * A message came: the mailbox thread handles it as soon as it gets the lock. Never takes the lock
   * here: the poster (the coordinator) must not wait for the user's code.
   */
  @Override
  protected void onPosted() {
    if (!handoffScheduled.compareAndSet(false, true)) {
      return; // a handoff that has not yet looked at the inbox will see this message too
    }
    ExecutorService m = mailbox;
    if (m == null) {
      handoffScheduled.set(false);
      return; // run has not started: the task's turn handles the inbox
    }
    try {
      m.execute(this::handOff);
    } catch (RejectedExecutionException e) {
      handoffScheduled.set(false); // run ended: the task's turn handles the inbox
    }
  }

  /** On the mailbox thread: waits for the function to let go of the lock, then takes the inbox. */
  private void handOff() {
    handoffScheduled.set(false);
    synchronized (lock) {
      if (!inRun || cancelled || mailboxFailure != null) {
        return;
      }
      try {
        processInboxNow();
      } catch (Throwable e) {
        mailboxFailure = e;
        function.cancel(); // run returns, and the source thread fails the task
      }
    }
  }

  private void rethrowMailboxFailure() {
    Throwable e = mailboxFailure;
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** A source function snapshots when triggered, at a point where it does not hold the lock. */
  @Override
  protected void onTrigger(CheckpointBarrier b) throws Exception {
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

  @Override
  protected void onClosed() {
    ExecutorService m = mailbox;
    if (m != null) {
      m.shutdownNow();
    }
  }
}
