package io.spry.api.connector.file;

import io.spry.api.annotation.Public;

/** What a file sink does with an output file that already exists. */
@Public
public enum WriteMode {
  /** Fail, naming the file (the default): an earlier run's output is never lost by accident. */
  NO_OVERWRITE,
  /** Replace it. */
  OVERWRITE
}
