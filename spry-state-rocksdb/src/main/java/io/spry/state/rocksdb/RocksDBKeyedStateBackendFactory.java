package io.spry.state.rocksdb;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackendFactory;
import java.io.IOException;
import java.nio.file.Path;

/** {@code "rocksdb"}: keyed state in an embedded RocksDB ({@link RocksDBKeyedStateBackend}). */
public final class RocksDBKeyedStateBackendFactory implements KeyedStateBackendFactory {
  public static final String NAME = "rocksdb";

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
}
