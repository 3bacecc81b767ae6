package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;

/**
 * A user function with operator state of its own: state that belongs to a subtask, not to a key
 * (e.g. a buffering sink's pending records, a source function's offset).
 *
 * <p>{@link #initializeState} runs once before {@code open()}, on a fresh start and on a restore;
 * {@link #snapshotState} runs on the task's thread at each checkpoint, between records. Keep the
 * state in the handles of {@link OperatorStateStore}: whatever they hold when {@code snapshotState}
 * returns is the checkpoint's.
 */
@Public
public interface CheckpointedFunction {

  /** Moves what the function keeps in fields into its state handles. */
  void snapshotState(FunctionSnapshotContext context) throws Exception;

  /** Gets the state handles; on a restore they hold the restored state. */
  void initializeState(FunctionInitializationContext context) throws Exception;
}
