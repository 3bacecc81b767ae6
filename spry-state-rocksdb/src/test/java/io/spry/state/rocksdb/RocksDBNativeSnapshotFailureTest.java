package io.spry.state.rocksdb;

import static io.spry.runtime.state.KeyedStateBackendTestSuite.MAX_P;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.time.Clock;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroupedSnapshotPart;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A native snapshot that fails leaves no directory behind that could pass for a snapshot. */
class RocksDBNativeSnapshotFailureTest {
  @TempDir Path dir;

  /** A snapshot part whose writing fails. */
  static final class Broken implements KeyGroupedSnapshotPart {
    @Override
    public int kind() {
      return KeyedStateSnapshot.KIND_TIMERS;
    }

    @Override
    public Snapshot snapshot() {
      return (keyGroup, keys, writer) -> {
        throw new IOException("injected failure writing key group " + keyGroup);
      };
    }

    @Override
    public void restore(int keyGroup, int flags, io.spry.api.types.MemoryDataInput in) {}
  }

  @Test
  void aFailedNativeSnapshotDeletesWhatItWrote() throws Exception {
    RocksDBKeyedStateBackend b =
        new RocksDBKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0), MAX_P, Clock.system(), Types.LONG, dir);
    try {
      fill(List.<KeyedStateBackend>of(b), 200);
      b.registerSnapshotPart("broken", new Broken());
      Path target = dir.resolve("chk-1");
      assertThatThrownBy(() -> b.snapshotNative(target))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("injected failure");
      assertThat(target).doesNotExist();
    } finally {
      b.close();
    }
  }
}
