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

  public void register(int subtask, SourceOperator<?, S> reader) {
    readers[subtask] = reader;
  }

  /** Creates and starts the enumerator; failures name the source. */
  public synchronized void start() throws Exception {
    enumerator =
        source.createEnumerator(
            new SplitEnumeratorContext<>() {
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
            });
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
