package io.spry.api;

import io.spry.api.annotation.Public;

/**
 * A job failed; the message names the operator, the subtask and, where there was one, the record.
 */
@Public
public class JobExecutionException extends RuntimeException {
  private final String jobId;

  public JobExecutionException(String jobId, String message, Throwable cause) {
    super(message, cause);
    this.jobId = jobId;
  }

  public String getJobId() {
    return jobId;
  }
}
