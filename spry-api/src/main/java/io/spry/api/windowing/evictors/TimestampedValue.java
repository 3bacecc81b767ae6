package io.spry.api.windowing.evictors;

import io.spry.api.annotation.Public;
import java.util.Objects;

/** A record in a window with its event timestamp, as evictors see it. */
@Public
public final class TimestampedValue<T> {
  private final T value;
  private final long timestamp;

  public TimestampedValue(T value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
  }

  public T getValue() {
    return value;
  }

  /** The event timestamp; {@code Long.MIN_VALUE} when the record has none. */
  public long getTimestamp() {
    return timestamp;
  }

  public boolean hasTimestamp() {
    return timestamp != Long.MIN_VALUE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimestampedValue<?> t
        && t.timestamp == timestamp
        && Objects.equals(t.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value) * 31 + Long.hashCode(timestamp);
  }

  @Override
  public String toString() {
    return value + "@" + (hasTimestamp() ? Long.toString(timestamp) : "(no timestamp)");
  }
}
