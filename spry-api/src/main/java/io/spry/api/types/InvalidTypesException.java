package io.spry.api.types;

import io.spry.api.annotation.Public;

/** A type could not be determined or does not fit its use; the message says how to fix it. */
@Public
public class InvalidTypesException extends RuntimeException {
  public InvalidTypesException(String message) {
    super(message);
  }

  public InvalidTypesException(String message, Throwable cause) {
    super(message, cause);
  }
}
