package io.spry.state.rocksdb;

import static io.spry.runtime.state.KeyedStateBackendTestSuite.MAX_P;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.check;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.fill;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.restore;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.snapshot;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.state.ValueState;
import io.spry.api.time.Clock;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots across backends (a savepoint of the heap backend restores into RocksDB and back, at
 * other parallelisms) and RocksDB's native incremental snapshots (shared SST files, restore at the
 * same range and rescaled).
 */
class RocksDBSnapshotsTest {
  @TempDir Path dir;

  private final List<KeyedStateBackend> created = new ArrayList<>();

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  private List<KeyedStateBackend> backends(int p) throws Exception {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new RocksDBKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i), MAX_P, Clock.system(), Types.LONG, dir));
    }
    created.addAll(out);
    return out;
  }

  private List<KeyedStateBackend> heap(int p) {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new HeapKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i), MAX_P, Clock.system(), Types.LONG));
    }
    return out;
  }

  @Test
  void heapToRocksDbToHeapAtOtherParallelisms() throws Exception {
    List<KeyedStateBackend> heap = heap(2);
    fill(heap, 500);
    List<KeyedStateBackend> rocksDb = backends(3);
    restore(rocksDb, snapshot(heap));
    check(rocksDb, 500);
    List<KeyedStateBackend> back = heap(1);
    restore(back, snapshot(rocksDb));
    check(back, 500);
  }

  @Test
  void rocksDbSnapshotsOfStatesNeverRequestedRestoreIntoTheHeap() throws Exception {
    List<KeyedStateBackend> heap = heap(1);
    fill(heap, 300);
    List<KeyedStateBackend> staged = backends(2); // restored, nothing requested
    restore(staged, snapshot(heap));
    List<KeyedStateBackend> back = heap(3);
    restore(back, snapshot(staged));
    check(back, 300);
  }

  private static RocksDBKeyedStateBackend rocks(KeyedStateBackend b) {
    return (RocksDBKeyedStateBackend) b;
  }

  @Test
  void nativeSnapshotsShareUnchangedFilesAndRestoreAtTheSameRange() throws Exception {
    List<KeyedStateBackend> one = backends(1);
    fill(one, 2000);
    NativeSnapshot first = rocks(one.get(0)).snapshotNative(dir.resolve("chk-1"));
    assertThat(first.files()).anyMatch(NativeSnapshot.File::shared);
    assertThat(first.files())
        .extracting(NativeSnapshot.File::name)
        .contains(RocksDBKeyedStateBackend.NATIVE_META, "CURRENT");

    // a small change: the next snapshot adds a little and shares the rest
    KeyedStateBackend b = one.get(0);
    b.setCurrentKey(7L);
    ValueState<Long> v = b.getOrCreateState(value());
    v.update(70L); // the value it had: a write all the same
    NativeSnapshot second = rocks(b).snapshotNative(dir.resolve("chk-2"));
    Set<String> firstShared =
        first.files().stream()
            .filter(NativeSnapshot.File::shared)
            .map(NativeSnapshot.File::name)
            .collect(Collectors.toSet());
    assertThat(second.files())
        .filteredOn(NativeSnapshot.File::shared)
        .extracting(NativeSnapshot.File::name)
        .containsAll(firstShared);
    assertThat(second.sizeNotIn(first)).isLessThan(first.size());
    for (NativeSnapshot.File f : second.files()) {
      if (f.shared() && firstShared.contains(f.name())) {
        assertThat(
                Files.mismatch(
                    dir.resolve("chk-1").resolve(f.name()), dir.resolve("chk-2").resolve(f.name())))
            .isEqualTo(-1L); // the same name has the same content
      }
    }

    List<KeyedStateBackend> restored = backends(1);
    rocks(restored.get(0)).restoreNative(List.of(second.directory()));
    check(restored, 2000);
  }

  @Test
  void nativeSnapshotsRestoreRescaledAndBackIntoTheNeutralFormat() throws Exception {
    List<KeyedStateBackend> two = backends(2);
    fill(two, 800);
    List<Path> natives = new ArrayList<>();
    for (int i = 0; i < two.size(); i++) {
      natives.add(rocks(two.get(i)).snapshotNative(dir.resolve("n-" + i)).directory());
    }
    List<KeyedStateBackend> three = backends(3);
    for (KeyedStateBackend b : three) {
      rocks(b).restoreNative(natives);
    }
    check(three, 800);
    List<KeyedStateBackend> heap = heap(1);
    restore(heap, snapshot(three));
    check(heap, 800);
  }

  @Test
  void closingDeletesTheWorkingDirectory() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Path working = rocks(b).workingDirectory();
    assertThat(working).exists();
    b.close();
    assertThat(working).doesNotExist();
    b.close(); // idempotent
  }
}
