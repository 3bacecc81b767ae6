package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;

/**
 * Implemented by a user function (or a sink writer) that wants to know when a checkpoint it took
 * part in completed: the moment to make side effects of that checkpoint visible (commit a
 * transaction). Called on the task's thread, between records.
 */
@Public
public interface CheckpointListener {

  /**
   * Every task has acknowledged checkpoint {@code checkpointId} and its manifest is written. A
   * notification can be lost (a failure right after completion): a later completed checkpoint
   * subsumes the earlier ones, so commit everything up to {@code checkpointId}.
   */
  void notifyCheckpointComplete(long checkpointId) throws Exception;

  /** The checkpoint was aborted (timeout, failure); what it prepared will not be committed. */
  default void notifyCheckpointAborted(long checkpointId) throws Exception {}
}
