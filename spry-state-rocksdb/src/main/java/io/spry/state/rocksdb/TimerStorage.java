package io.spry.state.rocksdb;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where the RocksDB backend keeps the timers of keyed operators: the option {@value
 * RocksDBKeyedStateBackendFactory#TIMER_SERVICE_OPTION}.
 */
public enum TimerStorage {
  /**
   * In a column family of the database (the default): the number of pending timers is bounded by
   * the disk, not the heap; each registration that is not already cached costs a write.
   */
  ROCKSDB,

  /** On the heap, as with the heap backend: fastest, but every pending timer takes heap memory. */
  HEAP;

  /**
   * The storage an option value names, case-insensitively.
   *
   * @throws IllegalArgumentException naming the option and the allowed values
   */
  public static TimerStorage parse(String value) {
    for (TimerStorage s : values()) {
      if (s.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "State backend option "
            + RocksDBKeyedStateBackendFactory.TIMER_SERVICE_OPTION
            + " must be one of "
            + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()
            + ", was '"
            + value
            + "'");
  }
}
