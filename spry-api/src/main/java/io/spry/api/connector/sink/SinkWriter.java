package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;

/**
 * Writes one subtask's records. The engine calls it from one thread. A writer of a cooperative sink
 * ({@link Sink#isBlocking()} false) must not block.
 */
@Public
public interface SinkWriter<T> extends AutoCloseable {

  void write(T element, Context context) throws Exception;

  /**
   * Makes what was written durable or visible; called at the end of a bounded input ({@code
   * endOfInput} true) and at checkpoint barriers ({@code false}). A {@link TwoPhaseCommitSink}'s
   * writer pre-commits instead (see {@link CommittingSinkWriter#prepareCommit}).
   */
  default void flush(boolean endOfInput) throws Exception {}

  @Override
  default void close() throws Exception {}

  /** What {@link #write} may see beside the record. Valid only during the call. */
  interface Context {
    /** The record's event timestamp, or null. */
    Long timestamp();

    long currentWatermark();
  }
}
