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
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.RichMapFunction;
import io.spry.api.functions.SinkFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job stops with a savepoint at parallelism 2, restarts from it at 4, stops again, and finishes
 * at 1. Keyed state, event-time timers, source positions and operator list state must all carry
 * over: the results equal an independent computation over all records.
 */
class SavepointRescaleTest {
  static final long N = 24_000;
  static final Map<String, Long> BUCKETS = new ConcurrentHashMap<>();
  static final Map<String, Long> CONFLICTS = new ConcurrentHashMap<>();
  static final AtomicLong SEEN_AT_END = new AtomicLong();
  static volatile boolean lastPhase;

  /** Counts each key's records per 1000 ms bucket of event time; a timer emits the count. */
  static final class BucketCounter extends KeyedProcessFunction<Long, Long, String> {
    private transient ValueState<Long> count;

    @Override
    public void open() {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(Long x, Context ctx, Collector<String> out) throws Exception {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      // one bucket per key: the key is (x / 1000) * 10 + x % 10, the bucket ends at its end
      ctx.timerService().registerEventTimeTimer(x - x % 1000 + 999);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<String> out) throws Exception {
      out.collect(ctx.getCurrentKey() + "=" + count.value());
      count.clear();
    }
  }

  /** Counts the records its subtask saw, in operator list state (split on restore). */
  static final class SeenCounter extends RichMapFunction<Long, Long>
      implements CheckpointedFunction {
    private transient ListState<Long> state;
    private long seen;

    @Override
    public Long map(Long v) {
      seen++;
      return v;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
      state.update(java.util.List.of(seen));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
      state =
          context
              .getOperatorStateStore()
              .getListState(new ListStateDescriptor<>("seen", Long.class));
      for (Long s : state.get()) {
        seen += s;
      }
    }

    @Override
    public void close() {
      if (lastPhase) {
        SEEN_AT_END.addAndGet(seen);
      }
    }
  }

  static final class BucketSink implements SinkFunction<String> {
    @Override
    public void invoke(String s, Context ctx) {
      String[] kv = s.split("=");
      Long before = BUCKETS.put(kv[0], Long.parseLong(kv[1]));
      // a replay after a stop may emit a bucket twice, but always with the same count
      if (before != null && before != Long.parseLong(kv[1])) {
        CONFLICTS.put(kv[0], before);
      }
    }
  }

  /**
   * Sets up phase {@code phase} (1 to 3) of a job: spry-state-rocksdb runs the phases on different
   * backends and timer storages, so timers move between them through the savepoints.
   */
  protected void configure(int phase, io.spry.api.JobConfig config) {}

  private StreamEnvironment job(int phase, int parallelism, Path checkpoints) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    configure(phase, env.getConfig());
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(5));
    env.enableCheckpointing(Duration.ofMillis(100));
    env.getCheckpointConfig().setStorage(checkpoints.toString());
    MapFunction<Long, Long> identity = v -> v;
    env.fromSource(
            new DataGeneratorSource<>(i -> i, N, 8_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((v, t) -> v),
            "numbers")
        .uid("numbers")
        .map(new SeenCounter())
        .uid("seen")
        .map(identity)
        .keyBy(x -> (x / 1000) * 10 + x % 10)
        .process(new BucketCounter())
        .uid("buckets")
        .addSink(new BucketSink());
    return env;
  }

  @Test
  void stateCarriesOverFromTwoToFourToOneSubtasks(@TempDir Path dir) throws Exception {
    BUCKETS.clear();
    CONFLICTS.clear();
    SEEN_AT_END.set(0);
    lastPhase = false;

    String savepoint1 = runAndStop(job(1, 2, dir.resolve("a")), dir);
    StreamEnvironment second = job(2, 4, dir.resolve("b"));
    second.getConfig().setRestoreFrom(savepoint1);
    String savepoint2 = runAndStop(second, dir);

    lastPhase = true;
    StreamEnvironment third = job(3, 1, dir.resolve("c"));
    third.getConfig().setRestoreFrom(savepoint2);
    third.execute("phase 3");

    Map<String, Long> expected = new HashMap<>();
    for (long x = 0; x < N; x++) {
      expected.merge(String.valueOf((x / 1000) * 10 + x % 10), 1L, Long::sum);
    }
    assertThat(CONFLICTS).isEmpty();
    assertThat(BUCKETS).isEqualTo(expected);
    assertThat(SEEN_AT_END.get()).isEqualTo(N);
  }

  private static String runAndStop(StreamEnvironment env, Path dir) throws Exception {
    JobHandle h = env.executeAsync("phase");
    // wait for a completed checkpoint, so the job is past its start, then stop it
    Await.checkpoints(h, 3, Duration.ofSeconds(30));
    String path = h.stopWithSavepoint(dir.resolve("savepoints").toString()).get();
    h.await(Duration.ofSeconds(30));
    assertThat(Path.of(path).resolve(CompletedCheckpoint.MANIFEST)).exists();
    return path;
  }

  @Test
  void stateOfAnOperatorTheJobNoLongerHasFailsTheRestoreUnlessAllowed(@TempDir Path dir)
      throws Exception {
    lastPhase = false;
    String savepoint = runAndStop(job(1, 2, dir.resolve("a")), dir);
    StreamEnvironment other = StreamEnvironment.createLocal(2);
    other.fromSequence(0, 10).map(v -> v).uid("something-else").addSink(new DiscardSink());
    other.getConfig().setRestoreFrom(savepoint);
    assertThatThrownBy(() -> other.execute("other"))
        .hasMessageContaining("does not have")
        .hasMessageContaining("buckets")
        .hasMessageContaining("--allow-non-restored-state");
    other.getConfig().setAllowNonRestoredState(true);
    other.execute("other");
  }

  static final class DiscardSink implements SinkFunction<Long> {
    @Override
    public void invoke(Long v, Context ctx) {}
  }
}
