package io.spry.examples;

/** An example was given an option it does not take, or a value it cannot use. */
public class ExampleUsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ExampleUsageException(String message) {
    super(message);
  }
}
