package io.spry.state.rocksdb;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.operator.timer.TimerServiceTestSuite;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timer service suite on the RocksDB backend: with timers in the database, with a cache of 4
 * timers per key group so that eviction and refilling happen all the time, and with the default
 * cache; and with timers on the heap.
 */
class RocksDBTimerServiceTest {
  @TempDir static Path dir;

  @Nested
  class InRocksDBWithATinyCache extends TimerServiceTestSuite {
    @Override
    protected KeyedStateBackend newBackend(
        KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) throws Exception {
      return new RocksDBKeyedStateBackend(
          range, maxParallelism, Clock.system(), keyType, dir, TimerStorage.ROCKSDB, 4);
    }
  }

  @Nested
  class InRocksDB extends TimerServiceTestSuite {
    @Override
    protected KeyedStateBackend newBackend(
        KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) throws Exception {
      return new RocksDBKeyedStateBackend(range, maxParallelism, Clock.system(), keyType, dir);
    }
  }

  @Nested
  class OnTheHeap extends TimerServiceTestSuite {
    @Override
    protected KeyedStateBackend newBackend(
        KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) throws Exception {
      return new RocksDBKeyedStateBackend(
          range,
          maxParallelism,
          Clock.system(),
          keyType,
          dir,
          TimerStorage.HEAP,
          RocksDBKeyedStateBackend.DEFAULT_TIMER_CACHE);
    }
  }
}
