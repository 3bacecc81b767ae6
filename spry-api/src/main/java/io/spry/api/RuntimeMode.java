package io.spry.api;

import io.spry.api.annotation.Public;

/** How a job executes. */
@Public
public enum RuntimeMode {
  /** Records flow continuously; results update as input arrives. The only mode today. */
  STREAMING,
  /**
   * Bounded inputs processed stage by stage with final results only. Reserved: choosing it fails at
   * submission until batch execution lands.
   */
  BATCH
}
