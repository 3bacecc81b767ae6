package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A job's settings. The environment holds one; {@code execute} takes a copy, so changing it later
 * does not affect a submitted job.
 */
@Public
public final class JobConfig {
  /**
   * The system property that, when set, gives the default parallelism of new configs (the {@code
   * spry run --parallelism} option sets it for a job's {@code main}).
   */
  public static final String PARALLELISM_PROPERTY = "spry.parallelism";

  /**
   * The system property that, when set, turns checkpointing on in new configs with this interval,
   * e.g. {@code 500ms} or {@code 2s} (read by {@link io.spry.api.time.Durations#parse}); {@code
   * spry run --checkpoint-interval} sets it.
   */
  public static final String CHECKPOINT_INTERVAL_PROPERTY = "spry.checkpoint.interval";

  /**
   * The system property that, when set, gives new configs their checkpoint storage directory
   * ({@link io.spry.api.checkpoint.CheckpointConfig#setStorage}); {@code spry run --checkpoint-dir}
   * sets it.
   */
  public static final String CHECKPOINT_DIR_PROPERTY = "spry.checkpoint.dir";

  /**
   * The system property that, when set, makes new configs start their job from this savepoint or
   * checkpoint ({@link #setRestoreFrom}); {@code spry run --from} sets it.
   */
  public static final String RESTORE_FROM_PROPERTY = "spry.restore.from";

  /**
   * The system property {@code true} or {@code false}: {@link #setAllowNonRestoredState} of new
   * configs; {@code spry run --allow-non-restored-state} sets it.
   */
  public static final String ALLOW_NON_RESTORED_STATE_PROPERTY =
      "spry.restore.allow-non-restored-state";

  /**
   * The system property that, when set, gives new configs their restart strategy, written as {@link
   * io.spry.api.checkpoint.RestartStrategy#parse} reads it (e.g. {@code fixed:3:1s}); {@code spry
   * run --restart} sets it.
   */
  public static final String RESTART_PROPERTY = "spry.restart";

  private int parallelism;
  private int maxParallelism = 128;
  private RuntimeMode runtimeMode = RuntimeMode.STREAMING;
  private Clock clock = Clock.system();
  private Duration autoWatermarkInterval = Duration.ofMillis(200);
  private long autoWatermarkRecords = DEFAULT_AUTO_WATERMARK_RECORDS;
  private int workerThreads = Runtime.getRuntime().availableProcessors();
  private int queueCapacity = 1024;
  private int batchSize = 1024;
  private Duration slowCallThreshold = Duration.ofMillis(200);
  private String stateBackend = "heap";
  private String stateBackendDirectory;
  private java.util.Map<String, String> stateBackendOptions = new java.util.TreeMap<>();
  private io.spry.api.checkpoint.CheckpointConfig checkpointConfig =
      new io.spry.api.checkpoint.CheckpointConfig();
  private io.spry.api.checkpoint.RestartStrategy restartStrategy;
  private String restoreFrom;
  private boolean allowNonRestoredState;
  private ErrorPolicy errorPolicy = ErrorPolicy.fail();

  /**
   * The defaults, and the settings the system properties above give (all of them {@code null} or
   * unset by default): the {@code spry} command passes its options to a job's {@code main} this
   * way. What the job sets itself wins.
   *
   * @throws IllegalArgumentException when a property's value is not usable, naming the property
   */
  public JobConfig() {
    this.parallelism = defaultParallelism();
    applySystemProperties();
  }

  private JobConfig(JobConfig from) {
    this.parallelism = from.parallelism;
  }

  private void applySystemProperties() {
    String interval = property(CHECKPOINT_INTERVAL_PROPERTY);
    if (interval != null) {
      try {
        checkpointConfig.setInterval(
            io.spry.api.checkpoint.CheckpointConfig.parseInterval(interval));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "System property " + CHECKPOINT_INTERVAL_PROPERTY + " " + e.getMessage(), e);
      }
    }
    String dir = property(CHECKPOINT_DIR_PROPERTY);
    if (dir != null) {
      checkpointConfig.setStorage(dir);
    }
    restoreFrom = property(RESTORE_FROM_PROPERTY);
    String allow = property(ALLOW_NON_RESTORED_STATE_PROPERTY);
    if (allow != null) {
      if (!allow.equalsIgnoreCase("true") && !allow.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(
            "System property "
                + ALLOW_NON_RESTORED_STATE_PROPERTY
                + " must be true or false, was '"
                + allow
                + "'");
      }
      allowNonRestoredState = Boolean.parseBoolean(allow);
    }
    String restart = property(RESTART_PROPERTY);
    if (restart != null) {
      try {
        restartStrategy = io.spry.api.checkpoint.RestartStrategy.parse(restart);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "System property " + RESTART_PROPERTY + " " + e.getMessage(), e);
      }
    }
  }

  /** A system property's value, or null when unset or blank. */
  private static String property(String name) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public JobConfig copy() {
    JobConfig c = new JobConfig(this);
    c.parallelism = parallelism;
    c.maxParallelism = maxParallelism;
    c.runtimeMode = runtimeMode;
    c.clock = clock;
    c.autoWatermarkInterval = autoWatermarkInterval;
    c.autoWatermarkRecords = autoWatermarkRecords;
    c.workerThreads = workerThreads;
    c.queueCapacity = queueCapacity;
    c.batchSize = batchSize;
    c.slowCallThreshold = slowCallThreshold;
    c.stateBackend = stateBackend;
    c.stateBackendDirectory = stateBackendDirectory;
    c.stateBackendOptions = new java.util.TreeMap<>(stateBackendOptions);
    c.checkpointConfig = checkpointConfig.copy();
    c.restartStrategy = restartStrategy;
    c.restoreFrom = restoreFrom;
    c.allowNonRestoredState = allowNonRestoredState;
    c.errorPolicy = errorPolicy;
    return c;
  }

  /** The value of {@value #PARALLELISM_PROPERTY} if set, else the number of cores. */
  static int defaultParallelism() {
    String value = System.getProperty(PARALLELISM_PROPERTY);
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int p = Integer.parseInt(value.trim());
      if (p >= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "System property "
            + PARALLELISM_PROPERTY
            + " must be a positive integer, was '"
            + value
            + "'");
  }

  /** The keyed state backend: {@code "heap"} (the default) or {@code "rocksdb"}. */
  public String getStateBackend() {
    return stateBackend;
  }

  /**
   * Chooses where keyed state lives: {@code "heap"} (the default; objects on the heap, fastest,
   * state must fit in memory) or {@code "rocksdb"} (serialized in an embedded RocksDB on local
   * disk; state may be much larger than the heap; needs the module {@code
   * io.spry:spry-state-rocksdb} on the class path, which the {@code spry} CLI has). An unknown name
   * fails when the job starts, listing the available backends. See {@code docs/state-backends.md}.
   */
  public JobConfig setStateBackend(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("The state backend name must not be empty");
    }
    this.stateBackend = name.trim().toLowerCase(java.util.Locale.ROOT);
    return this;
  }

  /** Where backends that keep files put their working files, or null for the temp directory. */
  public String getStateBackendDirectory() {
    return stateBackendDirectory;
  }

  /**
   * The local directory under which a backend that keeps files (RocksDB) creates its working
   * directories, one per keyed operator and subtask, removed when the job ends. By default the
   * system's temporary directory. Working files are not durable: checkpoints are.
   */
  public JobConfig setStateBackendDirectory(String directory) {
    this.stateBackendDirectory = directory;
    return this;
  }

  /** The options set with {@link #setStateBackendOption}, by key (unmodifiable). */
  public java.util.Map<String, String> getStateBackendOptions() {
    return java.util.Collections.unmodifiableMap(stateBackendOptions);
  }

  /**
   * Sets an option of a state backend. Keys start with the backend's name, e.g. {@code
   * rocksdb.timer-service} ({@code rocksdb}, the default, or {@code heap}: where the RocksDB
   * backend keeps timers). Options of the backend the job uses are checked when the job starts: an
   * unknown key or a bad value fails, naming it and what is allowed; options of other backends are
   * ignored, so one config may carry options for both. See {@code docs/state-backends.md}.
   *
   * @param value the value, or null to remove the option
   */
  public JobConfig setStateBackendOption(String key, String value) {
    if (key == null || key.isBlank() || key.indexOf('.') <= 0) {
      throw new IllegalArgumentException(
          "A state backend option's key is '<backend>.<option>', e.g. 'rocksdb.timer-service',"
              + " was '"
              + key
              + "'");
    }
    String k = key.trim().toLowerCase(java.util.Locale.ROOT);
    if (value == null) {
      stateBackendOptions.remove(k);
    } else {
      stateBackendOptions.put(k, value.trim());
    }
    return this;
  }

  /**
   * The default parallelism of operators; the system property {@value #PARALLELISM_PROPERTY} or
   * else the number of cores, unless set.
   */
  public int getParallelism() {
    return parallelism;
  }

  public JobConfig setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    return this;
  }

  /** The number of key groups: the upper bound of any keyed operator's parallelism. Default 128. */
  public int getMaxParallelism() {
    return maxParallelism;
  }

  public JobConfig setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "maxParallelism must be in [1, 32768], was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  public RuntimeMode getRuntimeMode() {
    return runtimeMode;
  }

  public JobConfig setRuntimeMode(RuntimeMode runtimeMode) {
    this.runtimeMode = Objects.requireNonNull(runtimeMode);
    return this;
  }

  /** The processing-time clock; tests set a manual one. */
  public Clock getClock() {
    return clock;
  }

  public JobConfig setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /**
   * How often periodic watermark generators emit, in processing time. Default 200 ms. They also
   * emit after {@link #getAutoWatermarkRecords()} records, whichever comes first.
   */
  public Duration getAutoWatermarkInterval() {
    return autoWatermarkInterval;
  }

  public JobConfig setAutoWatermarkInterval(Duration interval) {
    this.autoWatermarkInterval = Objects.requireNonNull(interval);
    return this;
  }

  /** The default of {@link #getAutoWatermarkRecords()}. */
  public static final long DEFAULT_AUTO_WATERMARK_RECORDS = 8192;

  /**
   * Periodic watermark generators also emit once a source subtask (or an {@code
   * assignTimestampsAndWatermarks} subtask) has passed on this many records since they last did,
   * even before the {@linkplain #getAutoWatermarkInterval() interval} is up. Default {@value
   * #DEFAULT_AUTO_WATERMARK_RECORDS}; 0 means by the interval only.
   *
   * <p>So a fast source (catching up on a backlog, say) does not let hundreds of thousands of
   * records pass between two watermarks: the state that waits for event time to pass (window
   * contents, timers, buffered joins) stays proportional to the out-of-orderness, not to the
   * throughput, and results come out sooner. A slow source is governed by the interval as before.
   */
  public long getAutoWatermarkRecords() {
    return autoWatermarkRecords;
  }

  public JobConfig setAutoWatermarkRecords(long records) {
    if (records < 0) {
      throw new IllegalArgumentException(
          "autoWatermarkRecords must be 0 (by the interval only) or positive, was " + records);
    }
    this.autoWatermarkRecords = records;
    return this;
  }

  /** Threads that run cooperative tasks; the number of cores unless set. */
  public int getWorkerThreads() {
    return workerThreads;
  }

  public JobConfig setWorkerThreads(int workerThreads) {
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be at least 1, was " + workerThreads);
    }
    this.workerThreads = workerThreads;
    return this;
  }

  /**
   * Records a queue between two subtasks holds before the producer stops (backpressure). Rounded up
   * to a power of two. Default 1024.
   */
  public int getQueueCapacity() {
    return queueCapacity;
  }

  public JobConfig setQueueCapacity(int queueCapacity) {
    if (queueCapacity < 2) {
      throw new IllegalArgumentException("queueCapacity must be at least 2, was " + queueCapacity);
    }
    this.queueCapacity = queueCapacity;
    return this;
  }

  /**
   * Records a task processes per turn before it yields its worker. Default 1024: about what a
   * source reader emits in one poll (the built-in readers emit up to 1,000), so a downstream task
   * takes a source's poll in one turn instead of letting the ring fill and the rest wait in the
   * source's overflow queue. A turn of 1,024 records is still around a millisecond.
   */
  public int getBatchSize() {
    return batchSize;
  }

  public JobConfig setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * A cooperative call that takes longer than this is reported once in the log, with the operator
   * and a hint to mark it blocking. Default 200 ms.
   */
  public Duration getSlowCallThreshold() {
    return slowCallThreshold;
  }

  public JobConfig setSlowCallThreshold(Duration threshold) {
    this.slowCallThreshold = Objects.requireNonNull(threshold);
    return this;
  }

  /** Checkpointing: off until an interval is set. */
  public io.spry.api.checkpoint.CheckpointConfig getCheckpointConfig() {
    return checkpointConfig;
  }

  /**
   * The restart strategy: the one set, or else {@code none()} without checkpointing and {@code
   * fixedDelay(Integer.MAX_VALUE, 1 s)} with it.
   */
  public io.spry.api.checkpoint.RestartStrategy getRestartStrategy() {
    if (restartStrategy != null) {
      return restartStrategy;
    }
    return checkpointConfig.isEnabled()
        ? io.spry.api.checkpoint.RestartStrategy.fixedDelay(
            Integer.MAX_VALUE, Duration.ofSeconds(1))
        : io.spry.api.checkpoint.RestartStrategy.none();
  }

  public JobConfig setRestartStrategy(io.spry.api.checkpoint.RestartStrategy strategy) {
    this.restartStrategy = strategy;
    return this;
  }

  /** A savepoint or retained checkpoint (its directory) to start from, or null. */
  public String getRestoreFrom() {
    return restoreFrom;
  }

  public JobConfig setRestoreFrom(String path) {
    this.restoreFrom = path;
    return this;
  }

  /**
   * Whether a restore may ignore state of operators the job no longer has (matched by uid). Without
   * it, such state fails the restore with a list of the operators.
   */
  public boolean isAllowNonRestoredState() {
    return allowNonRestoredState;
  }

  public JobConfig setAllowNonRestoredState(boolean allow) {
    this.allowNonRestoredState = allow;
    return this;
  }

  /**
   * What operators do when a user function throws on a record, unless an operator sets its own
   * ({@link SingleOutputStream#onError}). Default {@link ErrorPolicy#fail()}.
   */
  public ErrorPolicy getErrorPolicy() {
    return errorPolicy;
  }

  public JobConfig setErrorPolicy(ErrorPolicy errorPolicy) {
    this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
    return this;
  }
}
