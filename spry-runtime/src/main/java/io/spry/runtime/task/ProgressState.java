package io.spry.runtime.task;

/** What a tasklet's turn achieved. */
public enum ProgressState {
  /** Nothing to do: the worker may back off if no other tasklet progressed either. */
  NO_PROGRESS,
  /** Work was done; call again soon. */
  MADE_PROGRESS,
  /** The tasklet has finished; do not call it again. */
  DONE
}
