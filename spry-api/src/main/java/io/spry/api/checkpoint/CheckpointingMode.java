package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;

/** What a checkpoint guarantees about the records that reach state. */
@Public
public enum CheckpointingMode {
  /**
   * Each record affects state exactly once: a task with several inputs waits, after the barrier of
   * a checkpoint arrives on one input, until it arrived on all (alignment), reading no records from
   * the inputs whose barrier came already.
   */
  EXACTLY_ONCE,

  /**
   * No alignment: a task keeps reading every input and snapshots when the last barrier arrives. On
   * recovery, records that came after an early barrier are processed again. Lower latency under
   * load; only for jobs whose results tolerate duplicates.
   */
  AT_LEAST_ONCE
}
