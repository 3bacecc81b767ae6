package io.spry.cli.control;

/**
 * A control command could not do what it was asked; the message says why and, where it can, what to
 * do. The command prints it and exits with {@link #exitCode()}.
 */
public final class ControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The command line named something that is not there (exit code 2). */
  public static final int USAGE = 2;

  /** The job or its process refused or failed (exit code 1). */
  public static final int FAILED = 1;

  private final int exitCode;

  public ControlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ControlException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static ControlException usage(String message) {
    return new ControlException(USAGE, message);
  }

  static ControlException failed(String message) {
    return new ControlException(FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
