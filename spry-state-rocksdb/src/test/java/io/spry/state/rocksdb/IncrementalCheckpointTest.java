package io.spry.state.rocksdb;

import static io.spry.runtime.state.KeyedStateBackendTestSuite.MAX_P;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.check;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.fill;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.owner;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.restore;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.snapshot;
import static io.spry.runtime.state.KeyedStateBackendTestSuite.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.time.Clock;
import io.spry.api.types.Types;
import io.spry.runtime.checkpoint.CheckpointStorage;
import io.spry.runtime.checkpoint.CompletedCheckpoint;
import io.spry.runtime.checkpoint.CorruptCheckpointException;
import io.spry.runtime.checkpoint.FileRef;
import io.spry.runtime.checkpoint.RestoredState;
import io.spry.runtime.checkpoint.StateAssignment;
import io.spry.runtime.checkpoint.SubtaskState;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.runtime.state.NativeSnapshotRestore;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental checkpoints of the RocksDB backend in a {@link CheckpointStorage}: what is uploaded,
 * reference counting of the shared files across retention and across a new storage instance (a new
 * process), restores natively, rescaled and into the heap, and a damaged shared file. The
 * checkpoints are written as the coordinator writes them ({@link #checkpoint}): native snapshot,
 * {@link CheckpointStorage#storeNative}, the subtask's state file, the manifest.
 */
class IncrementalCheckpointTest {
  private static final String OP = "keyed-op";

  @TempDir Path dir;

  private final List<KeyedStateBackend> created = new ArrayList<>();

  /** The bytes of shared files the last {@link #checkpoint} uploaded. */
  private long uploaded;

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  private List<KeyedStateBackend> rocks(int p) throws IOException {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new RocksDBKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i),
              MAX_P,
              Clock.system(),
              Types.LONG,
              dir.resolve("work")));
    }
    created.addAll(out);
    return out;
  }

  private static List<KeyedStateBackend> heap(int p) {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new HeapKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i), MAX_P, Clock.system(), Types.LONG));
    }
    return out;
  }

  /** Takes an incremental checkpoint of one operator's subtasks, as the coordinator does. */
  private CompletedCheckpoint checkpoint(
      CheckpointStorage storage, long id, List<KeyedStateBackend> subtasks) throws IOException {
    Path chk = storage.newCheckpointDirectory(id);
    FileRef[] files = new FileRef[subtasks.size()];
    List<FileRef> own = new ArrayList<>();
    Map<String, FileRef> shared = new LinkedHashMap<>();
    uploaded = 0;
    for (int i = 0; i < subtasks.size(); i++) {
      NativeKeyedSnapshot local = ((RocksDBKeyedStateBackend) subtasks.get(i)).snapshotNative(id);
      CheckpointStorage.StoredNative n = storage.storeNative(id, chk, OP + "-" + i, local);
      CheckpointStorage.delete(local.directory());
      SubtaskState s = new SubtaskState();
      s.setNativeKeyed(n.snapshot());
      files[i] = CompletedCheckpoint.writeFile(chk, OP + "-" + i + ".state", s::writeTo);
      own.addAll(n.ownFiles());
      shared.putAll(n.shared());
      uploaded += n.uploadedSharedBytes();
    }
    CompletedCheckpoint c =
        new CompletedCheckpoint(
            id,
            false,
            0,
            MAX_P,
            chk,
            Map.of(OP, new CompletedCheckpoint.OperatorFiles(subtasks.size(), files)),
            Map.of(),
            own,
            shared);
    c.writeManifest();
    storage.addCompleted(c);
    return c;
  }

  /** Restores the operator's state of {@code c} into new backends, as a deployment does. */
  private static void restoreFrom(CompletedCheckpoint c, List<KeyedStateBackend> targets)
      throws IOException {
    List<SubtaskState> old = c.operatorState(OP);
    for (int i = 0; i < targets.size(); i++) {
      RestoredState r = StateAssignment.assign(old, MAX_P, targets.size(), i);
      assertThat(r.keyed()).isEmpty();
      NativeSnapshotRestore.restore(targets.get(i), r.nativeKeyed());
    }
  }

  /** Writes a key's value again (the value {@code fill} gave it): a change all the same. */
  private static void update(List<KeyedStateBackend> bs, long key, long v) throws Exception {
    KeyedStateBackend b = owner(bs, key);
    b.setCurrentKey(key);
    b.getOrCreateState(value()).update(v);
  }

  private static void compact(KeyedStateBackend b) throws Exception {
    ((RocksDBKeyedStateBackend) b).compactAll();
  }

  private Set<String> sharedDirectory() throws IOException {
    Path shared = dir.resolve("chk").resolve(CheckpointStorage.SHARED);
    if (!Files.isDirectory(shared)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(shared)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static Set<String> union(CompletedCheckpoint... cs) {
    Set<String> out = new HashSet<>();
    for (CompletedCheckpoint c : cs) {
      out.addAll(c.shared().keySet());
    }
    return out;
  }

  @Test
  void aCheckpointAfterASmallChangeUploadsOnlyTheNewSstFiles() throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.resolve("chk"), 3);
    List<KeyedStateBackend> one = rocks(1);
    fill(one, 3000);
    CompletedCheckpoint first = checkpoint(storage, 1, one);
    long firstUpload = uploaded;
    assertThat(first.shared()).isNotEmpty();
    assertThat(firstUpload).isEqualTo(sum(first.shared().values()));

    update(one, 7L, 70L); // the value it had: a write all the same
    CompletedCheckpoint second = checkpoint(storage, 2, one);
    Set<String> added = new HashSet<>(second.shared().keySet());
    added.removeAll(first.shared().keySet());
    assertThat(added).isNotEmpty(); // the memtable's flush
    assertThat(second.shared().keySet()).containsAll(first.shared().keySet());
    long addedBytes = 0;
    for (String id : added) {
      addedBytes += second.shared().get(id).size();
    }
    assertThat(uploaded).isEqualTo(addedBytes).isLessThan(firstUpload / 4);
    // each shared file is stored once, referenced by both checkpoints
    assertThat(sharedDirectory()).isEqualTo(union(first, second));
    Map<String, Integer> refs = storage.sharedReferences();
    for (String id : first.shared().keySet()) {
      assertThat(refs.get(id)).isEqualTo(2);
    }
    for (String id : added) {
      assertThat(refs.get(id)).isEqualTo(1);
    }
    // the checkpoint's own directory holds the small mutable files, not the SST files
    try (Stream<Path> s = Files.list(second.directory())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".sst"))
          .anyMatch(n -> n.endsWith(".CURRENT"))
          .anyMatch(n -> n.contains(".MANIFEST-"));
    }
  }

  private static long sum(Iterable<FileRef> refs) {
    long n = 0;
    for (FileRef r : refs) {
      n += r.size();
    }
    return n;
  }

  @Test
  void retentionDeletesTheSharedFilesNoRetainedCheckpointUses() throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.resolve("chk"), 2);
    List<KeyedStateBackend> one = rocks(1);
    fill(one, 2000);
    CompletedCheckpoint c1 = checkpoint(storage, 1, one);
    update(one, 3L, 30L);
    CompletedCheckpoint c2 = checkpoint(storage, 2, one);
    compact(one.get(0)); // every SST file is replaced: the next checkpoint shares none
    CompletedCheckpoint c3 = checkpoint(storage, 3, one);
    assertThat(c3.shared().keySet()).doesNotContainAnyElementsOf(c1.shared().keySet());

    // c1 is gone; what only it used is deleted, what c2 and c3 use is kept
    assertThat(c1.directory()).doesNotExist();
    assertThat(sharedDirectory()).isEqualTo(union(c2, c3));
    update(one, 4L, 40L);
    CompletedCheckpoint c4 = checkpoint(storage, 4, one);
    assertThat(sharedDirectory()).isEqualTo(union(c3, c4));
    assertThat(storage.sharedReferences().keySet()).isEqualTo(union(c3, c4));

    List<KeyedStateBackend> restored = rocks(1);
    restoreFrom(CompletedCheckpoint.load(c4.directory()), restored);
    check(restored, 2000);
  }

  @Test
  void aNewStorageInstanceRebuildsTheReferenceCountsFromTheManifests() throws Exception {
    Path root = dir.resolve("chk");
    CheckpointStorage storage = new CheckpointStorage(root, 2);
    List<KeyedStateBackend> one = rocks(1);
    fill(one, 2000);
    CompletedCheckpoint c1 = checkpoint(storage, 1, one);
    update(one, 3L, 30L);
    CompletedCheckpoint c2 = checkpoint(storage, 2, one);
    Map<String, Integer> before = storage.sharedReferences();
    // a checkpoint that never completed left an uploaded file and no manifest
    Files.writeString(root.resolve(CheckpointStorage.SHARED).resolve("orphan-000099.sst"), "x");

    // a new process on the same directory
    CheckpointStorage again = new CheckpointStorage(root, 2);
    assertThat(again.sharedReferences()).isEqualTo(before);
    assertThat(sharedDirectory()).isEqualTo(union(c1, c2)); // the orphan is deleted

    // restored natively at the same range, the backend keeps its files' ids: nothing re-uploads
    List<KeyedStateBackend> restored = rocks(1);
    restoreFrom(CompletedCheckpoint.load(c2.directory()), restored);
    check(restored, 2000);
    update(restored, 5L, 50L);
    CompletedCheckpoint c3 = checkpoint(again, 3, restored);
    Set<String> added = new HashSet<>(c3.shared().keySet());
    added.removeAll(c2.shared().keySet());
    assertThat(c3.shared().keySet()).containsAll(c2.shared().keySet());
    assertThat(uploaded).isEqualTo(sum(added.stream().map(c3.shared()::get).toList()));
    // retention across the processes: c1 goes, with what only it used
    assertThat(c1.directory()).doesNotExist();
    assertThat(sharedDirectory()).isEqualTo(union(c2, c3));
  }

  @Test
  void incrementalCheckpointsRestoreRescaledAndIntoTheHeap() throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.resolve("chk"), 3);
    List<KeyedStateBackend> two = rocks(2);
    fill(two, 900);
    checkpoint(storage, 1, two);
    update(two, 11L, 110L);
    CompletedCheckpoint c = checkpoint(storage, 2, two);

    List<KeyedStateBackend> three = rocks(3);
    restoreFrom(c, three);
    check(three, 900);
    List<KeyedStateBackend> heapOne = heap(1);
    restoreFrom(c, heapOne);
    check(heapOne, 900);
    // the same state as a full (neutral) snapshot of the backends gives
    List<KeyedStateBackend> fromFull = heap(1);
    restore(fromFull, snapshot(two));
    assertThat(neutral(heapOne)).isEqualTo(neutral(fromFull));
  }

  private static Map<Long, Long> neutral(List<KeyedStateBackend> bs) throws Exception {
    Map<Long, Long> out = new HashMap<>();
    for (long k = 0; k < 900; k++) {
      KeyedStateBackend b = owner(bs, k);
      b.setCurrentKey(k);
      out.put(k, b.getOrCreateState(value()).value());
    }
    return out;
  }

  @Test
  void aDamagedSharedFileIsNamedAndTheRestoreFallsBackToTheCheckpointBefore() throws Exception {
    Path root = dir.resolve("chk");
    CheckpointStorage storage = new CheckpointStorage(root, 3);
    List<KeyedStateBackend> one = rocks(1);
    fill(one, 1500);
    CompletedCheckpoint c1 = checkpoint(storage, 1, one);
    update(one, 9L, 12345L);
    CompletedCheckpoint c2 = checkpoint(storage, 2, one);
    String onlyC2 =
        c2.shared().keySet().stream()
            .filter(id -> !c1.shared().containsKey(id))
            .findFirst()
            .orElseThrow();
    Path damaged = root.resolve(CheckpointStorage.SHARED).resolve(onlyC2);
    try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x5A, 0x5A, 0x5A}), 20);
    }

    assertThatThrownBy(() -> CompletedCheckpoint.load(c2.directory()).verify())
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining(onlyC2)
        .hasMessageContaining("checkpoint 2")
        .hasMessageContaining("checksum");
    CompletedCheckpoint chosen = CheckpointStorage.resolve(root);
    assertThat(chosen.id()).isEqualTo(1);
    List<KeyedStateBackend> restored = rocks(1);
    restoreFrom(chosen, restored);
    check(restored, 1500); // key 9 as checkpoint 1 had it
  }

  @Test
  void aNeutralSnapshotAfterANativeRestoreHoldsTheStatesNotRequestedSince() throws Exception {
    // before the fix, the columns a native restore brought back were written as if staged: the
    // entries lost their keys, and the restore of the neutral snapshot failed or lost state
    List<KeyedStateBackend> one = rocks(1);
    fill(one, 700);
    NativeSnapshot n = ((RocksDBKeyedStateBackend) one.get(0)).snapshotNative(dir.resolve("n1"));
    List<KeyedStateBackend> same = rocks(1);
    ((RocksDBKeyedStateBackend) same.get(0)).restoreNative(List.of(n.directory()));
    List<KeyedStateBackend> heap = heap(2);
    restore(heap, snapshot(same)); // nothing requested since the restore
    check(heap, 700);

    // states restored from a neutral snapshot and never requested (staged rows), through a
    // native snapshot and restore, back into the neutral format
    List<KeyedStateBackend> fromHeap = heap(1);
    fill(fromHeap, 400);
    List<KeyedStateBackend> staged = rocks(1);
    restore(staged, snapshot(fromHeap));
    NativeSnapshot s = ((RocksDBKeyedStateBackend) staged.get(0)).snapshotNative(dir.resolve("n2"));
    List<KeyedStateBackend> adopted = rocks(1);
    ((RocksDBKeyedStateBackend) adopted.get(0)).restoreNative(List.of(s.directory()));
    List<KeyedStateBackend> heapAgain = heap(3);
    restore(heapAgain, snapshot(adopted));
    check(heapAgain, 400);

    List<KeyedStateBackend> rescaled = rocks(2);
    for (KeyedStateBackend b : rescaled) {
      ((RocksDBKeyedStateBackend) b).restoreNative(List.of(n.directory()));
    }
    List<KeyedStateBackend> back = rocks(1);
    restore(back, snapshot(rescaled));
    check(back, 700);
  }
}
