package io.spry.api.eventtime;

import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Watermark alignment of a source (see {@link WatermarkStrategy#withWatermarkAlignment}): the
 * sources whose strategies name the same {@code group} in one job keep their watermarks within
 * {@code maxDrift} of the group's lowest one. A source subtask whose watermark is further ahead
 * stops reading until the lowest catches up; idle and finished subtasks do not hold the group back.
 *
 * @param group the alignment group's name
 * @param maxDrift how far a subtask's watermark may be ahead of the group's lowest one
 * @param updateInterval how often Flink's sources exchange watermarks with its coordinator;
 *     accepted so that Flink jobs port unchanged, and not used by Spry's runtime, whose subtasks
 *     share their watermarks in memory and read the group's lowest before every poll
 */
@Public
public record WatermarkAlignment(String group, Duration maxDrift, Duration updateInterval)
    implements Serializable {
  /** Flink's default update interval. */
  public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(1);

  public WatermarkAlignment {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(maxDrift, "maxDrift");
    Objects.requireNonNull(updateInterval, "updateInterval");
    if (group.isBlank()) {
      throw new IllegalArgumentException(
          "The watermark alignment group needs a name: sources with the same name align");
    }
    if (maxDrift.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(
          "The maximum watermark drift of alignment group '"
              + group
              + "' must be at least 1 ms (watermarks are in milliseconds), was "
              + maxDrift);
    }
    if (updateInterval.isNegative() || updateInterval.isZero()) {
      throw new IllegalArgumentException(
          "The update interval of alignment group '"
              + group
              + "' must be positive, was "
              + updateInterval);
    }
  }

  /** The maximum drift in milliseconds ({@code Long.MAX_VALUE} for any longer). */
  public long maxDriftMillis() {
    return maxDrift.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : maxDrift.toMillis();
  }
}
