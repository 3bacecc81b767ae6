package io.spry.state.rocksdb;

import io.spry.api.time.Clock;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSchemaEvolutionSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared state schema evolution suite on the RocksDB backend, and the same migrations through
 * its native snapshots: columns whose schema tag differs from the state's current one are rewritten
 * when the state is requested, also when the snapshot is cut into other key-group ranges, and
 * restored sections never requested keep their schema through a native snapshot.
 */
class RocksDBStateSchemaEvolutionTest extends KeyedStateSchemaEvolutionSuite {
  @TempDir Path dir;

  @Override
  protected KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) throws Exception {
    return new RocksDBKeyedStateBackend(range, maxParallelism, clock, keyType, dir);
  }

  private RocksDBKeyedStateBackend rocks(KeyGroupRange range) throws Exception {
    return (RocksDBKeyedStateBackend) backend(range);
  }

  @Test
  void nativeSnapshotColumnsMigrateWhenRequestedAlsoAtAnotherParallelism() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v2 = new Version(ITEM_V2, TAG_V2);
    RocksDBKeyedStateBackend written = rocks(all());
    fillV1(v1, written);
    Path chk = dir.resolve("chk-1");
    written.snapshotNative(chk);

    RocksDBKeyedStateBackend same = rocks(all()); // adopts the snapshot's files
    same.restoreNative(List.of(chk));
    checkV2(v2, List.of(same));

    RocksDBKeyedStateBackend left = rocks(KeyGroups.rangeForOperator(MAX_P, 2, 0));
    RocksDBKeyedStateBackend right = rocks(KeyGroups.rangeForOperator(MAX_P, 2, 1));
    left.restoreNative(List.of(chk)); // copies the key groups it owns
    right.restoreNative(List.of(chk));
    checkV2(v2, List.of(left, right));
  }

  @Test
  void restoredSectionsNeverRequestedKeepTheirSchemaThroughANativeSnapshot() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v2 = new Version(ITEM_V2, TAG_V2);
    byte[] saved = writeV1(v1, heap(all()));
    RocksDBKeyedStateBackend staging = rocks(all());
    staging.restore(new MemoryDataInput(saved)); // staged, tagged with the V1 schema
    Path chk = dir.resolve("chk-staged");
    staging.snapshotNative(chk);

    RocksDBKeyedStateBackend restored = rocks(all());
    restored.restoreNative(List.of(chk));
    checkV2(v2, List.of(restored));
  }
}
