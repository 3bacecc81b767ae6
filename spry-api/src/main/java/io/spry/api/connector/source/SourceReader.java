package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import java.util.List;

/**
 * Reads the splits assigned to one subtask.
 *
 * <p>Contract: the engine calls every method from one thread. A reader of a cooperative source
 * ({@link Source#isBlocking()} false) must not block in {@link #pollNext}: emit what is available,
 * at most about a thousand records, and return. A blocking source's reader runs on a thread of its
 * own and may block, but must return from {@code pollNext} soon after {@link #close()} is called
 * from another thread, or on interruption.
 */
@Public
public interface SourceReader<T, S extends SourceSplit> extends AutoCloseable {

  /** Called once before the first {@code pollNext}; a reader usually requests a split here. */
  default void start() throws Exception {}

  /** Emits available records and says whether more are coming. */
  InputStatus pollNext(ReaderOutput<T> output) throws Exception;

  /** Splits assigned to this reader by the enumerator. */
  void addSplits(List<S> splits);

  /** The enumerator will assign no more splits: once its splits are read, the reader ends. */
  void notifyNoMoreSplits();

  /** The unfinished splits with their current positions, for a checkpoint. */
  default List<S> snapshotState(long checkpointId) {
    return List.of();
  }

  @Override
  default void close() throws Exception {}
}
