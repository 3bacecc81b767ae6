package io.spry.state.rocksdb;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackendTestSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared state backend suite on the RocksDB backend. */
class RocksDBKeyedStateBackendSuiteTest extends KeyedStateBackendTestSuite {
  @TempDir Path dir;

  @Override
  protected KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) throws Exception {
    return new RocksDBKeyedStateBackend(range, maxParallelism, clock, keyType, dir);
  }
}
