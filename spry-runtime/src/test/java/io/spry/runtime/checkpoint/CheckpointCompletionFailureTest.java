package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.SinkFunction;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose completion fails (its manifest cannot be written, as on a full disk) is
 * discarded like an aborted one: a savepoint's future fails with the cause instead of never
 * completing, its directory goes, and the periodic checkpoints that follow complete (before, the
 * failed one stayed in flight forever and no checkpoint was ever triggered again).
 */
class CheckpointCompletionFailureTest {

  static final class Discard implements SinkFunction<Long> {
    @Override
    public void invoke(Long value, Context context) {}
  }

  @AfterEach
  void restoreHook() {
    CheckpointCoordinator.beforeCompletion = id -> {};
  }

  @Test
  void aFailedCompletionFailsTheSavepointAndLaterCheckpointsComplete(@TempDir Path dir)
      throws Exception {
    CheckpointCoordinator.beforeCompletion =
        id -> {
          throw new IOException("No space left on device (injected)");
        };
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(30));
    env.getCheckpointConfig().setStorage(dir.resolve("checkpoints").toString());
    env.fromSource(
            new DataGeneratorSource<>(
                i -> i, DataGeneratorSource.UNBOUNDED, 2_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .uid("numbers")
        .addSink(new Discard());
    JobHandle h = env.executeAsync("completion-failure");
    try {
      Path savepoints = dir.resolve("savepoints");
      assertThatThrownBy(() -> h.triggerSavepoint(savepoints.toString()).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("completing it failed")
          .hasMessageContaining("No space left on device (injected)");
      assertThat(h.checkpoints()).isEmpty();

      CheckpointCoordinator.beforeCompletion = id -> {};
      Await.checkpoints(h, 1, Duration.ofSeconds(30));
      // the failed savepoint left no directory that could pass for one
      try (Stream<Path> left = Files.exists(savepoints) ? Files.list(savepoints) : Stream.empty()) {
        assertThat(left).isEmpty();
      }
    } finally {
      h.cancel();
      h.await(Duration.ofSeconds(30));
    }
  }

  /**
   * A cancelled job's result comes only after its checkpoint I/O is done. (The worker thread that
   * ends the job had been interrupted by the cancel, so its waits returned at once and the result
   * completed while the I/O thread still wrote or deleted checkpoint files: a retained checkpoint
   * directory could change after {@code await} returned.)
   */
  @Test
  void aCancelledJobEndsAfterItsCheckpointIo(@TempDir Path dir) throws Exception {
    java.util.concurrent.CountDownLatch inCompletion = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean completionDone =
        new java.util.concurrent.atomic.AtomicBoolean();
    // only this job's I/O thread (named after the job) counts, not one another test left behind
    java.util.concurrent.atomic.AtomicReference<String> ioThread =
        new java.util.concurrent.atomic.AtomicReference<>("(not yet known)");
    CheckpointCoordinator.beforeCompletion =
        id -> {
          if (Thread.currentThread().getName().startsWith(ioThread.get())
              && inCompletion.getCount() > 0) {
            inCompletion.countDown();
            long until = System.nanoTime() + 500_000_000L; // slow storage
            while (System.nanoTime() < until) {
              java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            }
            completionDone.set(true);
          }
        };
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(30));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.fromSource(
            new DataGeneratorSource<>(
                i -> i, DataGeneratorSource.UNBOUNDED, 2_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .addSink(new Discard());
    JobHandle h = env.executeAsync("cancel-during-io");
    ioThread.set("spry-" + h.jobId().substring(0, 8) + "-checkpoint-io");
    assertThat(inCompletion.await(30, TimeUnit.SECONDS)).isTrue();
    h.cancel();
    h.await(Duration.ofSeconds(30));
    assertThat(completionDone).isTrue();
  }
}
