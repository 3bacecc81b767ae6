package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link FileSink} closes its current part file and starts the next. A part file is always
 * closed at a checkpoint barrier (its records are pre-committed there), and besides:
 *
 * <ul>
 *   <li>when it reaches {@link Builder#maxPartSize} bytes (checked after each record, so a part
 *       ends with the record that crossed the limit);
 *   <li>when it is {@link Builder#maxPartAge} old (processing time since it was opened);
 *   <li>when no record went into it for {@link Builder#inactivityInterval}.
 * </ul>
 *
 * <p>Time is processing time, the job clock's, checked when the runtime calls the writer's {@code
 * onProcessingTime} (on the task's turns): a part rolls at the first call at or after its limit,
 * and inactivity is measured from the first such call after its last record. A rolled part is
 * pending: it becomes visible when the next checkpoint completes, not before. Without time limits
 * (the default) the writer asks for no processing-time calls.
 *
 * <pre>{@code
 * RollingPolicy.builder()
 *     .maxPartSize(64 * 1024 * 1024)
 *     .maxPartAge(Duration.ofMinutes(15))
 *     .inactivityInterval(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 */
@Public
public final class RollingPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default part size limit: 128 MiB. */
  public static final long DEFAULT_MAX_PART_SIZE = 128L * 1024 * 1024;

  private final long maxPartSize;
  private final long maxPartAgeMillis; // 0: none
  private final long inactivityMillis; // 0: none

  private RollingPolicy(long maxPartSize, long maxPartAgeMillis, long inactivityMillis) {
    this.maxPartSize = maxPartSize;
    this.maxPartAgeMillis = maxPartAgeMillis;
    this.inactivityMillis = inactivityMillis;
  }

  /** Rolls at checkpoints and at {@link #DEFAULT_MAX_PART_SIZE}. */
  public static RollingPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public long getMaxPartSize() {
    return maxPartSize;
  }

  /** The age at which a part rolls, in milliseconds; 0 if none. */
  public long getMaxPartAgeMillis() {
    return maxPartAgeMillis;
  }

  /** The inactivity after which a part rolls, in milliseconds; 0 if none. */
  public long getInactivityMillis() {
    return inactivityMillis;
  }

  boolean usesProcessingTime() {
    return maxPartAgeMillis > 0 || inactivityMillis > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RollingPolicy p
        && p.maxPartSize == maxPartSize
        && p.maxPartAgeMillis == maxPartAgeMillis
        && p.inactivityMillis == inactivityMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxPartSize, maxPartAgeMillis, inactivityMillis);
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("RollingPolicy.builder().maxPartSize(" + maxPartSize + ")");
    if (maxPartAgeMillis > 0) {
      sb.append(".maxPartAge(Duration.ofMillis(").append(maxPartAgeMillis).append("))");
    }
    if (inactivityMillis > 0) {
      sb.append(".inactivityInterval(Duration.ofMillis(").append(inactivityMillis).append("))");
    }
    return sb.append(".build()").toString();
  }

  /** Configures a {@link RollingPolicy}. */
  @Public
  public static final class Builder {
    private long maxPartSize = DEFAULT_MAX_PART_SIZE;
    private long maxPartAgeMillis;
    private long inactivityMillis;

    private Builder() {}

    /** Rolls a part once it holds at least {@code bytes} bytes; at least 1. */
    public Builder maxPartSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(
            "The part size limit must be at least 1 byte, not " + bytes);
      }
      this.maxPartSize = bytes;
      return this;
    }

    /** Rolls a part once it is {@code age} old; at least 1 ms. */
    public Builder maxPartAge(Duration age) {
      this.maxPartAgeMillis = positiveMillis(age, "part age limit");
      return this;
    }

    /** Rolls a part once no record went into it for {@code interval}; at least 1 ms. */
    public Builder inactivityInterval(Duration interval) {
      this.inactivityMillis = positiveMillis(interval, "inactivity interval");
      return this;
    }

    private static long positiveMillis(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.toMillis() < 1) {
        throw new IllegalArgumentException("The " + what + " must be at least 1 ms, not " + d);
      }
      return d.toMillis();
    }

    public RollingPolicy build() {
      return new RollingPolicy(maxPartSize, maxPartAgeMillis, inactivityMillis);
    }
  }
}
