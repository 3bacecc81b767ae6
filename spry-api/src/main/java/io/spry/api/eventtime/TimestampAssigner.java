package io.spry.api.eventtime;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/** Extracts a record's event timestamp, in milliseconds. */
@Public
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
  /**
   * @param recordTimestamp the timestamp the record already has (from the source), or {@link
   *     Watermarks#NO_TIMESTAMP}
   */
  long extractTimestamp(T element, long recordTimestamp);
}
