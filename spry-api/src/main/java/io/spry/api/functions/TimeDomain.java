package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Which clock fired a timer. */
@Public
public enum TimeDomain {
  EVENT_TIME,
  PROCESSING_TIME
}
