package io.spry.api.time;

import io.spry.api.annotation.Public;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as people write them on command lines and in system properties: a whole number
 * and a unit, {@code 500ms}, {@code 2s}, {@code 1m} (or {@code 1min}), {@code 2h}, {@code 1d}; or
 * ISO-8601 such as {@code PT1.5S}. A bare number is refused: it would be unclear whether it means
 * milliseconds or seconds.
 */
@Public
public final class Durations {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is expected, e.g. {@code must be a duration like
   *     500ms, 2s or 1m, was '500'}; callers prefix the name of what they parse
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("must be a duration like 500ms, 2s or 1m, was null");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = WITH_UNIT.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is too large a duration: '" + text + "'");
      }
      try {
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m", "min" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("is too large a duration: '" + text + "'");
      }
    }
    if (t.startsWith("pt") || t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // the message below
      }
    }
    String hint = t.matches("\\d+") ? " (give a unit: ms, s, m, h or d)" : "";
    throw new IllegalArgumentException(
        "must be a duration like 500ms, 2s or 1m, was '" + text + "'" + hint);
  }

  /**
   * Parses {@code text} and requires it to be positive.
   *
   * @throws IllegalArgumentException as {@link #parse}, or {@code must be positive, was '0s'}
   */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("must be positive, was '" + text + "'");
    }
    return d;
  }

  /** The shortest of the forms {@link #parse} reads that says {@code d} exactly: 1500ms, 2s, 1m. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (!d.equals(Duration.ofMillis(ms))) {
      return d.toString();
    }
    if (ms != 0 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
