package io.spry.api;

import io.spry.api.annotation.Public;

/** The lifecycle of a job: CREATED, RUNNING, then one of FINISHED, CANCELED or FAILED. */
@Public
public enum JobStatus {
  CREATED,
  RUNNING,
  CANCELLING,
  FINISHED,
  CANCELED,
  FAILED;

  public boolean isTerminal() {
    return this == FINISHED || this == CANCELED || this == FAILED;
  }
}
