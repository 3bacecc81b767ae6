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
 * @param updateInterval the longest a subtask may go on with a stale view of the group's lowest
 *     watermark (in one process the view is never older than the subtask's last poll)
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
    if (maxDrift.isNegative() || maxDrift.isZero()) {
      throw new IllegalArgumentException(
          "The maximum watermark drift of alignment group '"
              + group
              + "' must be positive, was "
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

  /** The maximum drift in milliseconds. */
  public long maxDriftMillis() {
    return maxDrift.toMillis();
  }
}
