package io.spry.runtime.checkpoint;

/** What the coordinator tells a task through its inbox, besides triggering (a barrier). */
public sealed interface TaskMessage {

  /** Checkpoint {@code id} completed: operators may commit. */
  record Complete(long id) implements TaskMessage {}

  /** Checkpoint {@code id} was aborted: stop aligning for it. */
  record Aborted(long id) implements TaskMessage {}
}
