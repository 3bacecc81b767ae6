package io.spry.benchmarks;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.Types;
import io.spry.runtime.checkpoint.CheckpointStorage;
import io.spry.runtime.checkpoint.CompletedCheckpoint;
import io.spry.runtime.checkpoint.FileRef;
import io.spry.runtime.checkpoint.SubtaskState;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.state.rocksdb.RocksDBKeyedStateBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code CheckpointBench incremental}: the size and duration of an incremental RocksDB checkpoint
 * after a small change against a full (backend-neutral) one of the same state, in one run.
 *
 * <pre>
 * java -cp spry-benchmarks/target/benchmarks.jar io.spry.benchmarks.CheckpointBench incremental \
 *     [keys=1000000] [changedPercent=1] [rounds=5]
 * </pre>
 *
 * One RocksDB backend (all 128 key groups) holds a {@code ValueState<Long>} per key, written to a
 * checkpoint storage in a temporary directory the way the checkpoint coordinator writes a subtask's
 * state: a first incremental checkpoint (uploads every SST file). Then each round updates {@code
 * changedPercent} % of the keys, chosen at random, and takes an incremental checkpoint and a full
 * one of the same state. Per checkpoint: the synchronous part (on the task's thread: the native
 * snapshot, a flush and hard links; or the neutral snapshot into memory), the upload (the I/O
 * thread's writes with checksums, and the manifest) and the bytes written.
 */
final class IncrementalCheckpointBench {
  private static final int MAX_P = 128;

  private IncrementalCheckpointBench() {}

  static void main(String[] args) throws Exception {
    long keys = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
    double percent = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path tmp = Files.createTempDirectory("spry-incbench");
    ValueStateDescriptor<Long> d = new ValueStateDescriptor<>("v", Types.LONG);
    try (RocksDBKeyedStateBackend b =
        new RocksDBKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0),
            MAX_P,
            Clock.system(),
            Types.LONG,
            tmp.resolve("work"))) {
      ValueState<Long> v = b.getOrCreateState(d);
      long t0 = System.nanoTime();
      for (long k = 0; k < keys; k++) {
        b.setCurrentKey(k);
        v.update(k);
      }
      System.out.printf(
          "keys=%d changed=%.2f%% rounds=%d; loaded in %.1f s%n",
          keys, percent, rounds, (System.nanoTime() - t0) / 1e9);
      CheckpointStorage storage = new CheckpointStorage(tmp.resolve("chk"), 2);
      long id = 1;
      Result first = incremental(storage, id++, b);
      System.out.printf(
          "first incremental checkpoint (uploads everything): %s%n", first.describe());
      List<Result> inc = new ArrayList<>();
      List<Result> full = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(42);
      long changes = Math.max(1, (long) (keys * percent / 100));
      for (int r = 0; r < rounds; r++) {
        for (long i = 0; i < changes; i++) {
          b.setCurrentKey(random.nextLong(keys));
          v.update(random.nextLong());
        }
        inc.add(incremental(storage, id++, b));
        full.add(full(storage, id++, b));
      }
      Result mi = median(inc);
      Result mf = median(full);
      System.out.printf("incremental after the change (median of %d): %s%n", rounds, mi.describe());
      System.out.printf("full, same state            (median of %d): %s%n", rounds, mf.describe());
      System.out.printf(
          "incremental/full: bytes %.3f, total time %.2f%n",
          (double) mi.bytes / mf.bytes, (double) mi.totalNanos() / mf.totalNanos());
    } finally {
      CheckpointStorage.delete(tmp);
    }
  }

  /** One checkpoint's costs. */
  record Result(long syncNanos, long uploadNanos, long bytes) {
    long totalNanos() {
      return syncNanos + uploadNanos;
    }

    String describe() {
      return String.format(
          "%.2f MB written; synchronous %d ms, upload %d ms, total %d ms",
          bytes / 1e6, syncNanos / 1_000_000, uploadNanos / 1_000_000, totalNanos() / 1_000_000);
    }
  }

  private static Result median(List<Result> rs) {
    List<Result> s = new ArrayList<>(rs);
    Collections.sort(s, (a, c) -> Long.compare(a.totalNanos(), c.totalNanos()));
    return s.get(s.size() / 2);
  }

  private static Result incremental(CheckpointStorage storage, long id, RocksDBKeyedStateBackend b)
      throws Exception {
    long t0 = System.nanoTime();
    NativeKeyedSnapshot local = b.snapshotNative(id);
    long t1 = System.nanoTime();
    Path dir = storage.newCheckpointDirectory(id);
    CheckpointStorage.StoredNative n = storage.storeNative(id, dir, "op-0", local);
    CheckpointStorage.delete(local.directory());
    SubtaskState s = new SubtaskState();
    s.setNativeKeyed(n.snapshot());
    FileRef f = CompletedCheckpoint.writeFile(dir, "op-0.state", s::writeTo);
    CompletedCheckpoint c =
        new CompletedCheckpoint(
            id,
            false,
            0,
            MAX_P,
            dir,
            Map.of("op", new CompletedCheckpoint.OperatorFiles(1, new FileRef[] {f})),
            Map.of(),
            n.ownFiles(),
            n.shared());
    c.writeManifest();
    storage.addCompleted(c);
    long t2 = System.nanoTime();
    return new Result(t1 - t0, t2 - t1, c.ownBytes() + n.uploadedSharedBytes());
  }

  private static Result full(CheckpointStorage storage, long id, RocksDBKeyedStateBackend b)
      throws Exception {
    long t0 = System.nanoTime();
    MemoryDataOutput buf = new MemoryDataOutput(1 << 20);
    b.snapshot(buf);
    SubtaskState s = new SubtaskState();
    s.setKeyed(buf.buffer(), buf.position());
    long t1 = System.nanoTime();
    Path dir = storage.newCheckpointDirectory(id);
    FileRef f = CompletedCheckpoint.writeFile(dir, "op-0.state", s::writeTo);
    CompletedCheckpoint c =
        new CompletedCheckpoint(
            id,
            false,
            0,
            MAX_P,
            dir,
            Map.of("op", new CompletedCheckpoint.OperatorFiles(1, new FileRef[] {f})),
            Map.of());
    c.writeManifest();
    storage.addCompleted(c);
    long t2 = System.nanoTime();
    return new Result(t1 - t0, t2 - t1, c.ownBytes());
  }
}
