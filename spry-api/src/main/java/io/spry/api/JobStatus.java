package io.spry.api;

import io.spry.api.annotation.Public;

/**
 * The lifecycle of a job: CREATED, RUNNING, then one of FINISHED, CANCELED or FAILED. After a
 * failure that its restart strategy allows to retry, a job is RESTARTING until it runs again.
 */
@Public
public enum JobStatus {
  CREATED,
  RUNNING,
  RESTARTING,
  CANCELLING,
  FINISHED,
  CANCELED,
  FAILED;

  public boolean isTerminal() {
    return this == FINISHED || this == CANCELED || this == FAILED;
  }
}
