package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.util.Collection;
import java.util.List;

/**
 * The writer of a {@link TwoPhaseCommitSink}: writes records, and at each checkpoint barrier hands
 * over what it wrote as committables. See {@link TwoPhaseCommitSink} for the order of calls; all
 * come from the subtask's task thread.
 *
 * <p>Ownership: what the writer has written but not yet returned from {@link #prepareCommit}
 * belongs to it (and {@link #close()} discards it); what it has returned belongs to the runtime and
 * the {@link Committer}, and the writer never touches it again.
 *
 * <p>{@link #flush(boolean)} is not part of the two-phase protocol: the runtime need not call it,
 * and it makes nothing visible.
 *
 * @param <T> the records written
 * @param <C> the committables
 * @param <S> the writer state
 */
@Public
public interface CommittingSinkWriter<T, C, S> extends SinkWriter<T> {

  /**
   * Pre-commits everything written so far: makes it durable but not yet visible and returns it as
   * committables; records written afterwards go into new pending work (for files: new part files).
   * Called at the barrier of checkpoint {@code checkpointId}, synchronously, and once more with
   * {@link TwoPhaseCommitSink#END_OF_INPUT} at the end of bounded input, after which nothing is
   * written.
   *
   * @return the committables, possibly none; the caller owns the collection
   */
  Collection<C> prepareCommit(long checkpointId) throws Exception;

  /**
   * The writer's state for checkpoint {@code checkpointId}, taken right after {@link
   * #prepareCommit} of the same checkpoint. On a restore every writer receives the states of all
   * subtasks (see {@link TwoPhaseCommitSink#createCommittingWriter}).
   *
   * @return the states, possibly none; the caller owns the list
   */
  List<S> snapshotState(long checkpointId) throws Exception;

  /**
   * Whether the runtime should call {@link #onProcessingTime} on the task's turns; asked once,
   * after the writer is created.
   */
  default boolean wantsProcessingTime() {
    return false;
  }

  /**
   * Processing time passed: {@code nowMillis} is the job clock's {@link
   * io.spry.api.time.Clock#millis()}. Called between records on the task's turns (for a file sink
   * about every millisecond or more often), so it must be cheap when there is nothing to do.
   */
  default void onProcessingTime(long nowMillis) throws Exception {}
}
