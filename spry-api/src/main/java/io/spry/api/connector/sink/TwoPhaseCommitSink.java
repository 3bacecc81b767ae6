package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.util.Collection;

/**
 * A sink that writes exactly once with checkpoints, by two-phase commit: each subtask's {@link
 * CommittingSinkWriter writer} <em>pre-commits</em> what it wrote at a checkpoint barrier, handing
 * the runtime {@code committables} (say, closed hidden files to be renamed), and a {@link
 * Committer} <em>commits</em> them (makes them visible) once the checkpoint is complete. Output
 * becomes visible only for records whose effects are part of a completed checkpoint, so after a
 * failure and a restore nothing appears twice and nothing is lost.
 *
 * <h2>The runtime contract</h2>
 *
 * All calls for one subtask come from that subtask's task thread, one at a time; a sink is blocking
 * by default ({@link #isBlocking()}), so the writer and committer may do blocking I/O. The runtime
 * keeps, per subtask, the committables not yet committed, tagged with the first checkpoint whose
 * snapshot held them.
 *
 * <ol>
 *   <li><b>Open.</b> On a fresh start: {@code committer = createCommitter(context)} and {@code
 *       writer = createCommittingWriter(context, List.of())}. On a restore from a completed
 *       checkpoint {@code m}: first {@code committer = createCommitter(context)} and {@code
 *       committer.commit(restored)}, where {@code restored} is this subtask's share of the
 *       committables in {@code m}'s snapshot (every committable goes to at least one subtask; at
 *       another parallelism any distribution will do, since commits are idempotent); then {@code
 *       writer = createCommittingWriter(context, states)} where {@code states} are the writer
 *       states of <em>all</em> subtasks in {@code m} (a union, whatever the parallelism). Both
 *       happen before the first record. The writer cleans up what earlier attempts left behind that
 *       no completed checkpoint holds (see {@link #createCommittingWriter}).
 *   <li><b>Records.</b> {@link SinkWriter#write} for each record. If {@link
 *       CommittingSinkWriter#wantsProcessingTime()}, {@link CommittingSinkWriter#onProcessingTime}
 *       on the task's turns.
 *   <li><b>Barrier {@code n}</b> (once every input's barrier has arrived, before any record after
 *       it is written; part of the synchronous snapshot): {@code c = writer.prepareCommit(n)}, then
 *       {@code s = writer.snapshotState(n)}. The subtask's snapshot for {@code n} stores, each with
 *       its serializer's version, every committable not yet committed (those of earlier checkpoints
 *       whose commit has not happened yet, and {@code c}) and {@code s}.
 *   <li><b>Checkpoint {@code n} completed</b> (the notification): {@code committer.commit(all
 *       committables in snapshots up to and including n not yet committed)}, then they are
 *       forgotten. Notifications may be late or skipped; a later one covers the earlier ones.
 *   <li><b>Checkpoint {@code n} aborted:</b> nothing. Its committables stay pending and go into the
 *       next snapshot: the writer has already moved on, so dropping them would lose data.
 *   <li><b>End of bounded input</b> ({@code finish}): {@code c =
 *       writer.prepareCommit(END_OF_INPUT)}. Without checkpointing, {@code committer.commit(c and
 *       every pending committable)} right away. With checkpointing, the committables should be
 *       committed when a checkpoint taken after {@code finish} completes; a runtime that commits
 *       them at {@code finish} instead duplicates the records since the last checkpoint if the job
 *       then fails before it ends and is restored. No write follows.
 *   <li><b>Close</b> (normal end, failure or cancellation): {@code writer.close()} then {@code
 *       committer.close()}. The writer discards what it has not handed over in a {@code
 *       prepareCommit} (the source replays those records after a restore) and never touches what it
 *       has. The close of a failed attempt finishes before the next attempt opens.
 * </ol>
 *
 * <p><b>Failures.</b> A failure between pre-commit and commit leaves the committables in the
 * checkpoint: if that checkpoint completed, the restore commits them (step 1); if not, they are
 * leftovers that the restored writer removes. An exception from {@code prepareCommit} fails the
 * checkpoint and the task; one from {@code commit} fails the task, and the restore commits again.
 *
 * <p>Modes: with aligned barriers (exactly once) the sink writes exactly once; with unaligned ones
 * (at least once) records that overtook a barrier are replayed after a restore, so duplicates are
 * possible. A runtime that knows nothing of two-phase commit uses {@link
 * #createWriter(SinkContext)}, which commits at every flush: at least once.
 *
 * @param <T> the records written
 * @param <C> the committables: what a pre-commit hands over and a commit makes visible
 * @param <S> the writer state kept in checkpoints
 */
@Public
public interface TwoPhaseCommitSink<T, C, S> extends Sink<T> {

  /** The checkpoint id of the last {@code prepareCommit}, at the end of bounded input. */
  long END_OF_INPUT = Long.MAX_VALUE;

  /**
   * A writer for one subtask.
   *
   * @param restoredStates on a restore, the writer states of every subtask of the checkpoint
   *     restored (a union: each writer sees them all and takes what is its own; at another
   *     parallelism too); empty on a fresh start. The writer removes, before it returns, the
   *     leftovers of earlier attempts that it owns and no completed checkpoint holds (for files:
   *     in-progress and pending files written after the checkpoint).
   */
  CommittingSinkWriter<T, C, S> createCommittingWriter(
      SinkContext context, Collection<S> restoredStates) throws Exception;

  /** A committer for one subtask. */
  Committer<C> createCommitter(SinkContext context) throws Exception;

  VersionedSerializer<C> getCommittableSerializer();

  VersionedSerializer<S> getWriterStateSerializer();

  /**
   * A writer for a runtime that does not drive two-phase commit: it pre-commits and commits what
   * was written at every {@link SinkWriter#flush} (checkpoint barriers and the end of input), which
   * is at least once: output committed at a barrier whose checkpoint then fails is written again
   * after the restore. The runtime contract above is the way to exactly once.
   */
  @Override
  default SinkWriter<T> createWriter(SinkContext context) throws Exception {
    return new CommitOnFlushWriter<>(
        createCommittingWriter(context, java.util.List.of()), createCommitter(context));
  }
}
