package io.spry.testkit;

import io.spry.api.annotation.Public;

/**
 * A record an operator emitted, with its event timestamp.
 *
 * @param value the record
 * @param timestamp its event timestamp in milliseconds, or {@link #NO_TIMESTAMP} when it has none
 */
@Public
public record TimestampedValue<T>(T value, long timestamp) {

  /** The timestamp of a record that has none (the runtime's marker). */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** A record with a timestamp. */
  public static <T> TimestampedValue<T> of(T value, long timestamp) {
    return new TimestampedValue<>(value, timestamp);
  }

  /** A record without a timestamp. */
  public static <T> TimestampedValue<T> withoutTimestamp(T value) {
    return new TimestampedValue<>(value, NO_TIMESTAMP);
  }

  public boolean hasTimestamp() {
    return timestamp != NO_TIMESTAMP;
  }

  @Override
  public String toString() {
    return hasTimestamp() ? value + "@" + timestamp : value + "@(no timestamp)";
  }
}
