package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/** What a reader's {@code pollNext} reports. */
@Public
public enum InputStatus {
  /** More records are available now: call again soon. */
  MORE_AVAILABLE,
  /** Nothing now; the engine calls again after a short back-off. */
  NOTHING_AVAILABLE,
  /** This reader has no more input, ever. */
  END_OF_INPUT
}
