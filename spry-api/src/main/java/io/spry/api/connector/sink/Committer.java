package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.util.Collection;

/**
 * Makes a {@link TwoPhaseCommitSink}'s pre-committed output visible once the checkpoint holding it
 * is complete. See {@link TwoPhaseCommitSink} for when the runtime calls it: after a checkpoint
 * completes, on a restore (for the committables of the restored checkpoint), and at the end of
 * input; always from the subtask's task thread.
 *
 * <p><b>Idempotent.</b> Committing a committable that is already committed succeeds and changes
 * nothing: a restore commits again what a failed attempt may have committed already, and, at
 * another parallelism, two subtasks may be handed the same committable at the same time.
 *
 * <p><b>Failures.</b> A commit that throws fails the task; the restore commits the committables of
 * the restored checkpoint again, so a commit that can fail halfway must leave every committable
 * either committed or committable.
 *
 * @param <C> the committables
 */
@Public
public interface Committer<C> extends AutoCloseable {

  /** Commits each of {@code committables}, skipping those already committed. */
  void commit(Collection<C> committables) throws Exception;

  @Override
  default void close() throws Exception {}
}
