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
