package io.spry.cli;

/** The {@code main} of a job's jar threw something other than a job failure. */
final class JobMainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JobMainException(String message, Throwable cause) {
    super(message, cause);
  }
}
