package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;
import io.spry.api.state.KeyedStateStore;

/** What {@link CheckpointedFunction#initializeState} gets. */
@Public
public interface FunctionInitializationContext {

  /** True when the job restored from a checkpoint or savepoint (even if this function had none). */
  boolean isRestored();

  OperatorStateStore getOperatorStateStore();

  /**
   * Keyed state, for functions of keyed operators; null elsewhere. Handles taken here read and
   * write the current record's key.
   */
  KeyedStateStore getKeyedStateStore();
}
