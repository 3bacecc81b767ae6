package io.spry.api.state;

import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Time to live of keyed state: a value (a list element, a map entry) expires {@code ttl} of
 * processing time after it was last written, or last written or read. Expired values are never
 * returned: a read sees them as absent. They are removed lazily when touched, incrementally as
 * state is accessed (a few entries per access), and from snapshots.
 *
 * <pre>{@code
 * descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofHours(1))
 *     .setUpdateType(StateTtlConfig.UpdateType.ON_READ_AND_WRITE)
 *     .build());
 * }</pre>
 */
@Public
public final class StateTtlConfig implements Serializable {

  /** What refreshes a value's time to live. */
  public enum UpdateType {
    /** Creating or writing the value. */
    ON_CREATE_AND_WRITE,
    /** Creating, writing or reading the value. */
    ON_READ_AND_WRITE
  }

  private final Duration ttl;
  private final UpdateType updateType;
  private final int cleanupEntriesPerAccess;

  private StateTtlConfig(Duration ttl, UpdateType updateType, int cleanupEntriesPerAccess) {
    this.ttl = ttl;
    this.updateType = updateType;
    this.cleanupEntriesPerAccess = cleanupEntriesPerAccess;
  }

  public static Builder newBuilder(Duration ttl) {
    return new Builder(ttl);
  }

  public Duration getTtl() {
    return ttl;
  }

  public UpdateType getUpdateType() {
    return updateType;
  }

  /** How many entries incremental cleanup examines per state access (0: none). */
  public int getCleanupEntriesPerAccess() {
    return cleanupEntriesPerAccess;
  }

  @Override
  public String toString() {
    return "StateTtlConfig("
        + ttl
        + ", "
        + updateType
        + ", cleanup "
        + cleanupEntriesPerAccess
        + ")";
  }

  /** Builds a {@link StateTtlConfig}. */
  public static final class Builder {
    private final Duration ttl;
    private UpdateType updateType = UpdateType.ON_CREATE_AND_WRITE;
    private int cleanupEntriesPerAccess = 5;

    private Builder(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("A state's time to live must be positive, was " + ttl);
      }
      this.ttl = ttl;
    }

    public Builder setUpdateType(UpdateType updateType) {
      this.updateType = Objects.requireNonNull(updateType, "updateType");
      return this;
    }

    /**
     * Examines up to {@code entries} other entries for expiry on each access of the state (default
     * 5; 0 turns incremental cleanup off, leaving lazy and snapshot cleanup).
     */
    public Builder cleanupIncrementally(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("entries must not be negative, was " + entries);
      }
      this.cleanupEntriesPerAccess = entries;
      return this;
    }

    public StateTtlConfig build() {
      return new StateTtlConfig(ttl, updateType, cleanupEntriesPerAccess);
    }
  }
}
