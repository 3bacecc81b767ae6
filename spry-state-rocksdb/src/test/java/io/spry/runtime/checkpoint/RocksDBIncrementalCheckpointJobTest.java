package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointStats;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.SinkFunction;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on RocksDB takes incremental checkpoints by default: SST files in the storage's shared
 * directory, each used by a retained checkpoint and none left over; savepoints stay full and
 * neutral; the checkpoints restore into the heap backend at another parallelism.
 */
class RocksDBIncrementalCheckpointJobTest {

  static final class Discard implements SinkFunction<Long> {
    @Override
    public void invoke(Long v, Context ctx) {}
  }

  private static StreamEnvironment job(String backend, int parallelism) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    env.getConfig().setStateBackend(backend);
    env.fromSource(
            new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .keyBy(v -> v % 500)
        .reduce(Long::sum)
        .addSink(new Discard());
    return env;
  }

  @Test
  void checkpointsShareSstFilesAndSavepointsStayNeutral(@TempDir Path dir) throws Exception {
    StreamEnvironment env = job("rocksdb", 2);
    env.enableCheckpointing(Duration.ofMillis(30));
    env.getCheckpointConfig().setStorage(dir.toString()).setRetained(2).setRetainOnCancel(true);
    long startedAfter = System.currentTimeMillis() - 1_000;
    JobHandle h = env.executeAsync("incremental");
    Await.checkpoints(h, 5, Duration.ofSeconds(30));
    String savepoint = h.triggerSavepoint(dir.resolve("savepoints").toString()).get();
    Await.until(
        Duration.ofSeconds(30),
        () -> "7 checkpoints that are not savepoints (got " + h.checkpoints() + ")",
        () -> h.checkpoints().stream().filter(s -> !s.savepoint()).count() >= 7);
    // the local native snapshots of uploaded checkpoints are gone: at most one per subtask, of a
    // checkpoint in flight, is left in the backends' working directories
    assertThat(localNativeSnapshots(startedAfter)).isLessThanOrEqualTo(2);
    h.cancel();
    h.await(Duration.ofSeconds(30));
    assertThat(h.checkpoints().stream().filter(s -> !s.savepoint()).count()).isGreaterThan(5);

    Path jobDir = dir.resolve("incremental");
    Path shared = jobDir.resolve(CheckpointStorage.SHARED);
    Set<String> files;
    try (Stream<Path> s = Files.list(shared)) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertThat(files).isNotEmpty().allMatch(n -> n.endsWith(".sst"));
    // exactly the files the two retained checkpoints use: older ones' files were deleted
    Set<String> used = new HashSet<>();
    List<Path> chks;
    try (Stream<Path> s = Files.list(jobDir)) {
      chks = s.filter(p -> p.getFileName().toString().startsWith("chk-")).toList();
    }
    assertThat(chks).hasSize(2);
    for (Path c : chks) {
      CompletedCheckpoint cc = CompletedCheckpoint.load(c);
      cc.verify();
      assertThat(cc.shared()).isNotEmpty();
      used.addAll(cc.shared().keySet());
      try (Stream<Path> s = Files.list(c)) {
        assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sst"));
      }
    }
    assertThat(files).isEqualTo(used);
    // a later checkpoint uploaded less than the whole state (its statistics count what it wrote)
    List<CheckpointStats> stats = h.checkpoints();
    assertThat(stats.get(stats.size() - 1).sizeBytes())
        .isLessThan(CompletedCheckpoint.load(chks.get(0)).sizeBytes());

    CompletedCheckpoint sp = CompletedCheckpoint.load(Path.of(savepoint));
    assertThat(sp.isSavepoint()).isTrue();
    assertThat(sp.shared()).isEmpty();
    assertThat(sp.nativeFiles()).isEmpty();

    // the incremental checkpoint restores into the heap at another parallelism
    StreamEnvironment heap = job("heap", 3);
    heap.getConfig().setRestoreFrom(jobDir.toString());
    JobHandle restored = heap.executeAsync("restored");
    Thread.sleep(300); // a failed restore fails the job: await below throws
    restored.cancel();
    assertThat(restored.await(Duration.ofSeconds(30)).status())
        .isEqualTo(io.spry.api.JobStatus.CANCELED);
  }

  /** {@code native-*} directories in RocksDB working directories made since {@code since}. */
  private static long localNativeSnapshots(long since) throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long n = 0;
    try (Stream<Path> dirs = Files.list(tmp)) {
      for (Path d :
          dirs.filter(p -> p.getFileName().toString().startsWith("spry-rocksdb-")).toList()) {
        if (Files.getLastModifiedTime(d).toMillis() < since) {
          continue;
        }
        try (Stream<Path> inside = Files.list(d)) {
          n += inside.filter(p -> p.getFileName().toString().startsWith("native-")).count();
        } catch (java.nio.file.NoSuchFileException gone) {
          // another backend closed meanwhile
        }
      }
    }
    return n;
  }
}
