package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/** Whether a source ends. */
@Public
public enum Boundedness {
  /** The input ends; the job finishes when every bounded source has. */
  BOUNDED,
  /** The input goes on until the job is cancelled. */
  CONTINUOUS_UNBOUNDED
}
