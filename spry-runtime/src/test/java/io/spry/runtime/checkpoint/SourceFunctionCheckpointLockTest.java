package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointListener;
import io.spry.api.checkpoint.CheckpointedFunction;
import io.spry.api.checkpoint.FunctionInitializationContext;
import io.spry.api.checkpoint.FunctionSnapshotContext;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.functions.SinkFunction;
import io.spry.api.functions.SourceFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.runtime.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source function that changes its offset and emits several records in one block under the
 * checkpoint lock: a checkpoint must see either none or all of the block, never a part, so a
 * restore neither loses nor repeats a record. Before the fix, the snapshot was taken inside {@code
 * collect} while the function held the (reentrant) lock, in the middle of the block.
 */
class SourceFunctionCheckpointLockTest {
  static final long RECORDS = 6_000;
  static final int BLOCK = 3;
  static final Map<Long, Long> MAX_SUM = new ConcurrentHashMap<>();
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean COMPLETED = new AtomicBoolean();

  /**
   * Moves its offset past a block first, then emits the block, all under the lock (atomic as a
   * whole, as the lock's contract promises). Fails once, after a checkpoint has completed.
   */
  static final class BlockSource
      implements SourceFunction<Long>, CheckpointedFunction, CheckpointListener {
    private transient ListState<Long> offsetState;
    private long offset;
    private volatile boolean running = true;

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
      offsetState =
          ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("offset", Long.class));
      for (Long o : offsetState.get()) {
        offset = o;
      }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
      offsetState.update(List.of(offset));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      COMPLETED.set(true);
    }

    @Override
    public void run(SourceContext<Long> ctx) throws Exception {
      int blocks = 0;
      while (running && offset < RECORDS) {
        synchronized (ctx.getCheckpointLock()) {
          long first = offset;
          offset += BLOCK;
          for (long v = first; v < first + BLOCK; v++) {
            ctx.collect(v + 1);
          }
        }
        if (!FAILED.get() && COMPLETED.get() && offset >= 300) {
          FAILED.set(true);
          throw new IllegalStateException("injected failure at offset " + offset);
        }
        if (!FAILED.get() && offset >= RECORDS / 2) {
          // the first run fails only after a completed checkpoint: wait for one, outside the lock
          while (!COMPLETED.get()) {
            Thread.sleep(1);
          }
        }
        if (++blocks % 20 == 0) {
          Thread.sleep(1);
        }
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  static final class MaxSink implements SinkFunction<Tuple2<Long, Long>> {
    @Override
    public void invoke(Tuple2<Long, Long> v, Context ctx) {
      MAX_SUM.merge(v.f0, v.f1, Math::max);
    }
  }

  @Test
  void aBlockUnderTheCheckpointLockIsRestoredWhole(@TempDir Path dir) throws Exception {
    MAX_SUM.clear();
    FAILED.set(false);
    COMPLETED.set(false);
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(10));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(10)));
    env.addSource(new BlockSource(), "blocks")
        .returns(Long.class)
        .map(v -> Tuple2.of(v % 5, v))
        .returns(new io.spry.api.types.TypeHint<Tuple2<Long, Long>>() {})
        .keyBy(t -> t.f0)
        .sum(1)
        .addSink(new MaxSink());
    JobHandle h = env.executeAsync("checkpoint lock");
    JobResult r = h.await(Duration.ofSeconds(30));
    assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(h.restarts()).isEqualTo(1);
    Map<Long, Long> expected = new HashMap<>();
    for (long v = 1; v <= RECORDS; v++) {
      expected.merge(v % 5, v, Long::sum);
    }
    assertThat(MAX_SUM).isEqualTo(expected);
  }

  /** Emits a few records, then waits without emitting until cancelled. */
  static final class Idle implements SourceFunction<Long> {
    private volatile boolean running = true;

    @Override
    public void run(SourceContext<Long> ctx) throws InterruptedException {
      for (long v = 0; v < 10; v++) {
        ctx.collect(v);
      }
      while (running) {
        Thread.sleep(1);
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  /** A source function that waits for input is checkpointed all the same (not at its next emit). */
  @Test
  void anIdleSourceFunctionIsCheckpointed(@TempDir Path dir) throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.enableCheckpointing(Duration.ofMillis(10));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.addSource(new Idle(), "idle").returns(Long.class).addSink((v, c) -> {});
    JobHandle h = env.executeAsync("idle source");
    try {
      Await.checkpoints(h, 3, Duration.ofSeconds(30));
    } finally {
      h.cancel();
    }
    assertThat(h.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELED);
  }
}
