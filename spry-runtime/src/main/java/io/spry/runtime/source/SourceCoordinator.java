package io.spry.runtime.source;

import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a source's {@link SplitEnumerator} for the job and routes its assignments to the readers.
 *
 * <p>Threads: split requests arrive on reader threads and periodic work on the job's coordinator
 * thread; every call into the enumerator holds this object's lock, so the enumerator sees one
 * caller at a time. Assignments go to the readers' mailboxes, never into a reader directly.
 */
public final class SourceCoordinator<S extends SourceSplit> {
  private final String sourceName;
  private final Source<?, S> source;
  private final SourceOperator<?, S>[] readers;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Throwable> onFailure;
  private SplitEnumerator<S> enumerator;
  private byte[] restoredState;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public SourceCoordinator(
      String sourceName,
      Source<?, S> source,
      int parallelism,
      Clock clock,
      ScheduledExecutorService scheduler,
      Consumer<Throwable> onFailure) {
    this.sourceName = sourceName;
    this.source = source;
    this.readers = new SourceOperator[parallelism];
    this.clock = clock;
    this.scheduler = scheduler;
    this.onFailure = onFailure;
  }

  /** Makes {@link #start()} restore the enumerator from a checkpoint's state. */
  public void setRestoredState(byte[] state) {
    this.restoredState = state;
  }

  /**
   * Snapshots the enumerator and queues the trigger in every reader's mailbox, under the lock, so
   * each split is either in the enumerator's state or reaches its reader before the trigger.
   *
   * @return the enumerator's state
   */
  public synchronized byte[] triggerCheckpoint(io.spry.runtime.exchange.CheckpointBarrier barrier)
      throws Exception {
    if (enumerator == null) {
      throw new IllegalStateException(
          "The split enumerator of '" + sourceName + "' is not running");
    }
    byte[] state = enumerator.snapshotState(barrier.id());
    for (SourceOperator<?, S> r : readers) {
      r.triggerCheckpointAsync(barrier);
    }
    return state;
  }

  public String sourceName() {
    return sourceName;
  }

  public void register(int subtask, SourceOperator<?, S> reader) {
    readers[subtask] = reader;
  }

  /** Creates and starts the enumerator; failures name the source. */
  public synchronized void start() throws Exception {
    SplitEnumeratorContext<S> ctx =
        new SplitEnumeratorContext<>() {
          @Override
          public io.spry.api.types.TypeSerializer<S> splitSerializer() {
            return source.getSplitSerializer();
          }

          @Override
          public int currentParallelism() {
            return readers.length;
          }

          @Override
          public void assignSplit(S split, int subtask) {
            readers[subtask].addSplitsAsync(List.of(split));
          }

          @Override
          public void signalNoMoreSplits(int subtask) {
            readers[subtask].noMoreSplitsAsync();
          }

          @Override
          public void callPeriodically(Runnable action, long periodMillis) {
            scheduler.scheduleWithFixedDelay(
                () -> {
                  try {
                    synchronized (SourceCoordinator.this) {
                      action.run();
                    }
                  } catch (Throwable t) {
                    onFailure.accept(
                        new IllegalStateException(
                            "The split enumerator of source '" + sourceName + "' failed", t));
                  }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
          }

          @Override
          public Clock clock() {
            return clock;
          }
        };
    enumerator =
        restoredState == null
            ? source.createEnumerator(ctx)
            : source.restoreEnumerator(ctx, restoredState);
    restoredState = null;
    enumerator.start();
  }

  /**
   * A reader asked for a split. Handled on the coordinator's thread, so a reader on a shared worker
   * never waits for the enumerator's lock (held, say, while it lists a directory).
   */
  void handleSplitRequest(int subtask) {
    try {
      scheduler.execute(
          () -> {
            try {
              synchronized (SourceCoordinator.this) {
                enumerator.handleSplitRequest(subtask);
              }
            } catch (Throwable t) {
              onFailure.accept(
                  new IllegalStateException(
                      "The split enumerator of source '" + sourceName + "' failed", t));
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the job is ending
    }
  }

  public synchronized void close() {
    if (enumerator != null) {
      try {
        enumerator.close();
      } catch (Exception e) {
        // reported by the job only if it had not failed already
      }
    }
  }
}
