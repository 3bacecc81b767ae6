package io.spry.runtime.checkpoint;

import java.io.IOException;

/** A checkpoint that cannot be restored: a file is missing, short, or fails its checksum. */
public final class CorruptCheckpointException extends IOException {
  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
