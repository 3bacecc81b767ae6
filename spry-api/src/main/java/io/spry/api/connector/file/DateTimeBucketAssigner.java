package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Buckets records by the time they are written, e.g. {@code 2024-05-01--13} for an hour: the job
 * clock's processing time, or the record's event timestamp with {@link #byEventTime}, formatted
 * with a {@link DateTimeFormatter} pattern in a time zone.
 *
 * <pre>{@code
 * new DateTimeBucketAssigner<>()                                   // yyyy-MM-dd--HH, UTC
 * new DateTimeBucketAssigner<>("yyyy-MM-dd/HH", ZoneId.of("Europe/Paris"))
 * DateTimeBucketAssigner.byEventTime("yyyy-MM-dd", ZoneOffset.UTC)
 * }</pre>
 *
 * <p>A pattern may use {@code /} to nest directories. It must not hold fractions of a second
 * (letters {@code S}, {@code n}, {@code N}, {@code A}): an id is computed once per second. With
 * event time, a record without a timestamp fails the job.
 *
 * @param <T> the records written
 */
@Public
public final class DateTimeBucketAssigner<T> implements BucketAssigner<T> {
  private static final long serialVersionUID = 1L;

  /** The default pattern: one bucket per hour. */
  public static final String DEFAULT_PATTERN = "yyyy-MM-dd--HH";

  private final String pattern;
  private final String zone;
  private final boolean eventTime;
  private transient DateTimeFormatter formatter;
  private transient Cached cached;

  /** Immutable, so that threads sharing the assigner may swap it without locks. */
  private record Cached(long second, String id) {}

  /** Hours in UTC by processing time. */
  public DateTimeBucketAssigner() {
    this(DEFAULT_PATTERN, ZoneOffset.UTC);
  }

  /** By processing time, formatted with {@code pattern} in {@code zone}. */
  public DateTimeBucketAssigner(String pattern, ZoneId zone) {
    this(pattern, zone, false);
  }

  private DateTimeBucketAssigner(String pattern, ZoneId zone, boolean eventTime) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.zone = Objects.requireNonNull(zone, "zone").getId();
    this.eventTime = eventTime;
    checkPattern(pattern);
    this.formatter = formatter(); // fails now on a bad pattern
  }

  /** By the records' event timestamps, formatted with {@code pattern} in {@code zone}. */
  public static <T> DateTimeBucketAssigner<T> byEventTime(String pattern, ZoneId zone) {
    return new DateTimeBucketAssigner<>(pattern, zone, true);
  }

  private static void checkPattern(String pattern) {
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && (c == 'S' || c == 'n' || c == 'N' || c == 'A')) {
        throw new IllegalArgumentException(
            "The bucket pattern '"
                + pattern
                + "' holds fractions of a second ('"
                + c
                + "'); buckets change at most once a second, so leave them out");
      }
    }
  }

  private DateTimeFormatter formatter() {
    DateTimeFormatter f = formatter;
    if (f == null) {
      try {
        f = DateTimeFormatter.ofPattern(pattern).withZone(ZoneId.of(zone));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Bad bucket pattern '" + pattern + "': " + e.getMessage(), e);
      }
      formatter = f;
    }
    return f;
  }

  @Override
  public String getBucketId(T element, Context context) {
    long millis;
    if (eventTime) {
      Long ts = context.timestamp();
      if (ts == null) {
        throw new IllegalArgumentException(
            "DateTimeBucketAssigner by event time got a record without a timestamp; assign"
                + " timestamps (a WatermarkStrategy) or bucket by processing time");
      }
      millis = ts;
    } else {
      millis = context.currentProcessingTime();
    }
    long second = Math.floorDiv(millis, 1000L);
    Cached c = cached;
    if (c == null || c.second != second) {
      c = new Cached(second, formatter().format(Instant.ofEpochSecond(second)));
      cached = c;
    }
    return c.id;
  }

  public String getPattern() {
    return pattern;
  }

  public ZoneId getZone() {
    return ZoneId.of(zone);
  }

  public boolean isEventTime() {
    return eventTime;
  }

  @Override
  public String toString() {
    String z = "ZoneId.of(\"" + zone + "\")";
    return eventTime
        ? "DateTimeBucketAssigner.byEventTime(\"" + pattern + "\", " + z + ")"
        : "new DateTimeBucketAssigner<>(\"" + pattern + "\", " + z + ")";
  }
}
