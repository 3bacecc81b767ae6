package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;
import java.time.Duration;
import java.util.Objects;

/**
 * How and where a job takes checkpoints. Off unless an interval is set ({@code
 * env.enableCheckpointing(...)}).
 *
 * <p>Storage: a directory on the file system ({@link #setStorage}); each job writes to a
 * subdirectory named after its job name. Without one, checkpoints go to a temporary directory that
 * is deleted when the job ends: enough to recover from failures within a run, not to restart it.
 */
@Public
public final class CheckpointConfig {
  /** The shortest checkpoint interval, wherever it is given (code, system property, option). */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

  private Duration interval;
  private CheckpointingMode mode = CheckpointingMode.EXACTLY_ONCE;
  private Duration timeout = Duration.ofMinutes(10);
  private Duration minPauseBetween = Duration.ZERO;
  private int maxConcurrent = 1;
  private String storage;
  private int retained = 3;
  private boolean retainOnCancel;
  private boolean incremental = true;

  public CheckpointConfig copy() {
    CheckpointConfig c = new CheckpointConfig();
    c.interval = interval;
    c.mode = mode;
    c.timeout = timeout;
    c.minPauseBetween = minPauseBetween;
    c.maxConcurrent = maxConcurrent;
    c.storage = storage;
    c.retained = retained;
    c.retainOnCancel = retainOnCancel;
    c.incremental = incremental;
    return c;
  }

  public boolean isEnabled() {
    return interval != null;
  }

  /** Time between the starts of two checkpoints, or null when checkpointing is off. */
  public Duration getInterval() {
    return interval;
  }

  /**
   * @throws IllegalArgumentException when shorter than {@link #MIN_INTERVAL}
   */
  public CheckpointConfig setInterval(Duration interval) {
    if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "The checkpoint interval must be at least "
              + MIN_INTERVAL.toMillis()
              + " ms, was "
              + interval.toMillis()
              + " ms");
    }
    this.interval = interval;
    return this;
  }

  /**
   * Reads a checkpoint interval as written in a system property or a command-line option ({@code
   * 500ms}, {@code 10s}): a duration with its unit, at least {@link #MIN_INTERVAL}.
   *
   * @throws IllegalArgumentException whose message goes after the option's name, e.g. {@code must
   *     be at least 10ms, was '5ms'}
   */
  public static Duration parseInterval(String text) {
    Duration d = io.spry.api.time.Durations.parsePositive(text);
    if (d.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "must be at least " + MIN_INTERVAL.toMillis() + "ms, was '" + text + "'");
    }
    return d;
  }

  public CheckpointingMode getMode() {
    return mode;
  }

  public CheckpointConfig setMode(CheckpointingMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** A checkpoint not complete after this long is aborted (default 10 minutes). */
  public Duration getTimeout() {
    return timeout;
  }

  public CheckpointConfig setTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The checkpoint timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** The least time from the end of one checkpoint to the start of the next (default 0). */
  public Duration getMinPauseBetween() {
    return minPauseBetween;
  }

  public CheckpointConfig setMinPauseBetween(Duration pause) {
    if (pause.isNegative()) {
      throw new IllegalArgumentException("The minimum pause must not be negative, was " + pause);
    }
    this.minPauseBetween = pause;
    return this;
  }

  /** The most checkpoints in flight at once (default 1). */
  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  public CheckpointConfig setMaxConcurrent(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "At least one checkpoint must be allowed in flight, was " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
    return this;
  }

  /** The checkpoint directory (a path or a {@code file:} URI), or null for a temporary one. */
  public String getStorage() {
    return storage;
  }

  public CheckpointConfig setStorage(String directory) {
    this.storage = directory;
    return this;
  }

  /** How many completed checkpoints are kept (default 3); older ones are deleted. */
  public int getRetained() {
    return retained;
  }

  public CheckpointConfig setRetained(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException(
          "At least one checkpoint must be retained, was " + retained);
    }
    this.retained = retained;
    return this;
  }

  /**
   * Whether the retained checkpoints stay when the job is cancelled (default false: they are
   * deleted on cancel and on success, and kept on failure).
   */
  public boolean isRetainOnCancel() {
    return retainOnCancel;
  }

  public CheckpointConfig setRetainOnCancel(boolean retain) {
    this.retainOnCancel = retain;
    return this;
  }

  /**
   * Whether checkpoints of a backend that can take incremental snapshots (RocksDB) are incremental
   * (default true): a checkpoint then stores only the backend's files that no retained checkpoint
   * stored before, in the storage's shared directory. Off: every checkpoint holds the whole state
   * in the backend-neutral format. Savepoints are always neutral and complete, whatever this says.
   */
  public boolean isIncremental() {
    return incremental;
  }

  public CheckpointConfig setIncremental(boolean incremental) {
    this.incremental = incremental;
    return this;
  }
}
