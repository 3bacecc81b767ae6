package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.ErrorPolicy;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointListener;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.SinkFunction;
import io.spry.api.types.TypeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead-letter budget is spent across a restore, not reset by it, and not charged twice for the
 * bad records that are replayed. Every tenth record is bad ({@value #BAD} of {@value #RECORDS}); a
 * later operator fails once, after a checkpoint, and the job restores it. With a budget of exactly
 * the bad records the job finishes (a budget charged again for replayed records would fail it);
 * with one less it fails (a budget reset by the restore would let it finish).
 */
class DeadLetterBudgetRecoveryTest {
  static final long RECORDS = 3_000;
  static final long BAD = RECORDS / 10;

  static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

  /** Throws on every tenth record, so that each becomes a dead letter. */
  static final class Parse implements MapFunction<Long, Long> {
    @Override
    public Long map(Long x) {
      if (x % 10 == 0) {
        throw new NumberFormatException("bad record " + x);
      }
      return x;
    }
  }

  /** Fails once, on a record from the middle, after a checkpoint of this run has completed. */
  static final class FailOnceAfterCheckpoint
      implements MapFunction<Long, Long>, CheckpointListener {
    private transient boolean checkpointed;

    @Override
    public Long map(Long x) {
      if (checkpointed && x >= RECORDS / 2 && FAILED_ONCE.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure at record " + x);
      }
      return x;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }

  static final class Discard implements SinkFunction<Long> {
    @Override
    public void invoke(Long value, Context context) {}
  }

  @BeforeEach
  void reset() {
    FAILED_ONCE.set(false);
  }

  @Test
  void aBudgetOfExactlyTheBadRecordsLastsAcrossTheRestore(@TempDir Path dir) throws Exception {
    JobHandle h = job(dir, BAD).executeAsync("budget-exact");
    JobResult r;
    try {
      r = h.await(Duration.ofSeconds(60));
    } finally {
      h.cancel();
    }
    assertThat(FAILED_ONCE).isTrue();
    assertThat(h.restarts()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aBudgetOfOneLessIsSpentThoughTheRestoreCameBetween(@TempDir Path dir) {
    JobHandle h = job(dir, BAD - 1).executeAsync("budget-one-less");
    try {
      assertThatThrownBy(() -> h.await(Duration.ofSeconds(60)))
          .hasMessageContaining("ErrorPolicy.deadLetter(" + (BAD - 1) + ")")
          .hasMessageContaining(BAD + " records failed");
    } finally {
      h.cancel();
    }
    assertThat(FAILED_ONCE).isTrue();
    assertThat(h.restarts()).isEqualTo(1);
  }

  private static StreamEnvironment job(Path dir, long budget) {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(40));
    env.getCheckpointConfig().setStorage(dir.resolve("checkpoints").toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(10)));
    env.fromSource(
            // paced, so that checkpoints complete while the job runs
            new DataGeneratorSource<>(i -> i, RECORDS, 6_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .uid("numbers")
        .map(new Parse())
        .name("parse")
        .uid("parse")
        .onError(ErrorPolicy.deadLetter(budget))
        .map(new FailOnceAfterCheckpoint())
        .name("fail-once")
        .uid("fail-once")
        .addSink(new Discard());
    return env;
  }
}
