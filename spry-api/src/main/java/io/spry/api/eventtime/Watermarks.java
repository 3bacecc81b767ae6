package io.spry.api.eventtime;

import io.spry.api.annotation.Public;

/** Constants of event time. */
@Public
public final class Watermarks {
  private Watermarks() {}

  /** The timestamp of a record that has none. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** The watermark before any was emitted. */
  public static final long MIN_WATERMARK = Long.MIN_VALUE;

  /** The watermark at the end of a bounded input: every event-time window fires. */
  public static final long MAX_WATERMARK = Long.MAX_VALUE;
}
