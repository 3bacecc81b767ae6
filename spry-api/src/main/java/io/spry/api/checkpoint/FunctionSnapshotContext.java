package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;

/** What {@link CheckpointedFunction#snapshotState} knows about the checkpoint. */
@Public
public interface FunctionSnapshotContext {
  long getCheckpointId();

  /** When the coordinator triggered it, in epoch milliseconds of the job's clock. */
  long getCheckpointTimestamp();
}
