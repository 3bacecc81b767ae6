package io.spry.state.rocksdb;

import io.spry.api.time.Clock;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackendFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code "rocksdb"}: keyed state in an embedded RocksDB ({@link RocksDBKeyedStateBackend}).
 *
 * <p>Options ({@code JobConfig.setStateBackendOption}):
 *
 * <ul>
 *   <li>{@value #TIMER_SERVICE_OPTION}: {@code rocksdb} (the default) keeps timers in the database,
 *       {@code heap} on the heap ({@link TimerStorage}).
 *   <li>{@value #TIMER_CACHE_OPTION}: how many of each key group's earliest timers (per time
 *       domain) are cached on the heap with RocksDB timers, default {@value
 *       RocksDBKeyedStateBackend#DEFAULT_TIMER_CACHE}.
 * </ul>
 */
public final class RocksDBKeyedStateBackendFactory implements KeyedStateBackendFactory {
  public static final String NAME = "rocksdb";

  /** Where timers live: {@code rocksdb} or {@code heap}. */
  public static final String TIMER_SERVICE_OPTION = "rocksdb.timer-service";

  /** The number of earliest timers cached per key group and time domain (RocksDB timers). */
  public static final String TIMER_CACHE_OPTION = "rocksdb.timer-cache-size";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KeyedStateBackend create(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingDirectory)
      throws IOException {
    return new RocksDBKeyedStateBackend(range, maxParallelism, clock, keyType, workingDirectory);
  }

  @Override
  public KeyedStateBackend create(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingDirectory,
      Map<String, String> options)
      throws IOException {
    checkOptions(options);
    String storage = options.get(TIMER_SERVICE_OPTION);
    String cache = options.get(TIMER_CACHE_OPTION);
    return new RocksDBKeyedStateBackend(
        range,
        maxParallelism,
        clock,
        keyType,
        workingDirectory,
        storage == null ? TimerStorage.ROCKSDB : TimerStorage.parse(storage),
        cache == null ? RocksDBKeyedStateBackend.DEFAULT_TIMER_CACHE : parseCacheSize(cache));
  }

  @Override
  public void checkOptions(Map<String, String> options) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      switch (e.getKey()) {
        case TIMER_SERVICE_OPTION -> TimerStorage.parse(e.getValue());
        case TIMER_CACHE_OPTION -> parseCacheSize(e.getValue());
        default ->
            throw new IllegalArgumentException(
                "Unknown option '"
                    + e.getKey()
                    + "' of the 'rocksdb' state backend (JobConfig.setStateBackendOption); known: "
                    + TIMER_SERVICE_OPTION
                    + ", "
                    + TIMER_CACHE_OPTION);
      }
    }
  }

  private static int parseCacheSize(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 1 << 20) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the error below
    }
    throw new IllegalArgumentException(
        "State backend option "
            + TIMER_CACHE_OPTION
            + " must be an integer from 1 to 1048576, was '"
            + value
            + "'");
  }

  /**
   * Reads the snapshots into a conversion-only RocksDB in {@code scratch}, keeping the target's key
   * groups, and restores the target from its neutral snapshot.
   */
  @Override
  public void restoreNativeInto(List<Path> directories, KeyedStateBackend target, Path scratch)
      throws IOException {
    try (RocksDBKeyedStateBackend b =
        RocksDBKeyedStateBackend.forConversion(
            target.keyGroupRange(), target.maxParallelism(), target.keySerializer(), scratch)) {
      b.restoreNative(directories);
      MemoryDataOutput out = new MemoryDataOutput(1 << 16);
      b.snapshot(out);
      target.restore(new MemoryDataInput(out.buffer(), 0, out.position()));
    }
  }
}
