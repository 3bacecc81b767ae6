package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointedFunction;
import io.spry.api.checkpoint.FunctionInitializationContext;
import io.spry.api.checkpoint.FunctionSnapshotContext;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.SinkFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged latest checkpoint (a flipped byte, a truncated or deleted file, a damaged manifest) is
 * detected on restore, named, and the one before it is used.
 */
class CorruptCheckpointTest {

  /** The ids of the checkpoints the sinks of a restored job were restored from. */
  static final Queue<Long> RESTORED_FROM = new ConcurrentLinkedQueue<>();

  /**
   * Discards its input; keeps the id of each checkpoint it takes part in, so that a restored
   * instance knows which checkpoint it came from.
   */
  static final class Discard implements SinkFunction<Long>, CheckpointedFunction {
    private transient ListState<Long> checkpointId;

    @Override
    public void invoke(Long v, Context ctx) {}

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
      checkpointId.update(List.of(ctx.getCheckpointId()));
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
      checkpointId =
          ctx.getOperatorStateStore()
              .getListState(new ListStateDescriptor<>("checkpoint-id", Long.class));
      if (ctx.isRestored()) {
        for (Long id : checkpointId.get()) {
          RESTORED_FROM.add(id);
        }
      }
    }
  }

  /** Runs a keyed job with checkpoints retained on cancel; returns its checkpoint directory. */
  private static Path runAndCancel(Path storage) throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(30));
    env.getCheckpointConfig().setStorage(storage.toString()).setRetained(3).setRetainOnCancel(true);
    env.fromSource(
            new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .keyBy(v -> v % 100)
        .reduce(Long::sum)
        .addSink(new Discard());
    JobHandle h = env.executeAsync("corrupt");
    Await.checkpoints(h, 4, Duration.ofSeconds(30));
    h.cancel();
    h.await(Duration.ofSeconds(30));
    return storage.resolve("corrupt");
  }

  private static List<Path> checkpoints(Path jobDir) throws IOException {
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .sorted((a, b) -> Long.compare(id(a), id(b)))
          .toList();
    }
  }

  private static long id(Path p) {
    return Long.parseLong(p.getFileName().toString().substring(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flip", "truncate", "delete", "manifest"})
  void aDamagedLatestCheckpointFallsBackToThePreviousOne(String damage, @TempDir Path dir)
      throws Exception {
    Path jobDir = runAndCancel(dir);
    List<Path> chks = checkpoints(jobDir);
    assertThat(chks).hasSizeGreaterThanOrEqualTo(2);
    Path latest = chks.get(chks.size() - 1);
    Path previous = chks.get(chks.size() - 2);
    Path victim;
    try (Stream<Path> s = Files.list(latest)) {
      victim =
          damage.equals("manifest")
              ? latest.resolve(CompletedCheckpoint.MANIFEST)
              : s.filter(p -> p.toString().endsWith(".state")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(victim);
    switch (damage) {
      case "flip", "manifest" -> {
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(victim, bytes);
      }
      case "truncate" -> Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      case "delete" -> Files.delete(victim);
      default -> throw new IllegalArgumentException(damage);
    }

    // restoring the damaged one directly names the file
    if (!damage.equals("manifest")) {
      CompletedCheckpoint c = CompletedCheckpoint.load(latest);
      assertThatThrownBy(c::verify)
          .isInstanceOf(CorruptCheckpointException.class)
          .hasMessageContaining(victim.getFileName().toString())
          .hasMessageContaining("checkpoint " + id(latest));
    }
    // the job's directory, or the damaged checkpoint itself, resolves to the one before
    assertThat(CheckpointStorage.resolve(jobDir).id()).isEqualTo(id(previous));
    assertThat(CheckpointStorage.resolve(latest).id()).isEqualTo(id(previous));

    // and a job restores from it: its sinks opened with the state of that checkpoint
    RESTORED_FROM.clear();
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setRestoreFrom(jobDir.toString());
    env.fromSource(
            new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .keyBy(v -> v % 100)
        .reduce(Long::sum)
        .addSink(new Discard());
    JobHandle h = env.executeAsync("restored");
    try {
      Await.until(
          Duration.ofSeconds(30),
          () -> "both sinks to restore (restored: " + RESTORED_FROM + ", job " + h.status() + ")",
          () -> RESTORED_FROM.size() >= 2 || h.result().isDone());
    } finally {
      h.cancel();
    }
    h.await(Duration.ofSeconds(30));
    assertThat(RESTORED_FROM).containsExactly(id(previous), id(previous));
  }
}
