package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointingMode;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyed jobs whose state is large enough that the tasks prefetch it (more than {@code
 * HeapKeyedStateBackend.PREFETCH_MIN_KEYS} keys per subtask), against the same folds in plain Java:
 * prefetching must not change a single result, on one input or two.
 */
class LargeStateJobTest {
  /** About 60,000 keys per subtask at parallelism 2, visited three times each, in a mixed order. */
  static final long KEYS = 120_000;

  static final long RECORDS = 3 * KEYS;

  static long key(long i) {
    return (i * 7919) % KEYS;
  }

  /** Emits each key's running sum of its records' numbers. */
  static final class RunningSum extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> sum;

    @Override
    public void open() {
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement(Long i, Context ctx, Collector<Tuple2<Long, Long>> out)
        throws Exception {
      Long s = sum.value();
      long next = (s == null ? 0 : s) + i;
      sum.update(next);
      out.collect(Tuple2.of(key(i), next));
    }
  }

  /** The same over two inputs: the second input's numbers count negative. */
  static final class TwoSidedSum
      extends KeyedCoProcessFunction<Long, Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> sum;

    @Override
    public void open() {
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    private void add(long key, long delta, Collector<Tuple2<Long, Long>> out) throws Exception {
      Long s = sum.value();
      long next = (s == null ? 0 : s) + delta;
      sum.update(next);
      out.collect(Tuple2.of(key, next));
    }

    @Override
    public void processElement1(Long i, Context ctx, Collector<Tuple2<Long, Long>> out)
        throws Exception {
      add(key(i), i, out);
    }

    @Override
    public void processElement2(Long i, Context ctx, Collector<Tuple2<Long, Long>> out)
        throws Exception {
      add(key(i), -2 * i, out);
    }
  }

  /**
   * Checks every key's sums: as many as it had records, and, whatever order its records came in,
   * the last one its total.
   */
  private static void assertSums(
      List<Tuple2<Long, Long>> out, Map<Long, Long> expected, int recordsPerKey) {
    assertThat(out).hasSize((int) KEYS * recordsPerKey);
    Map<Long, long[]> got = new HashMap<>(); // per key: the last sum, the number of sums
    for (Tuple2<Long, Long> t : out) {
      long[] lc = got.computeIfAbsent(t.f0, k -> new long[2]);
      lc[0] = t.f1;
      lc[1]++;
    }
    assertThat(got).hasSize((int) KEYS);
    got.forEach(
        (k, lc) -> {
          assertThat(lc[0]).as("sum of key %d", k).isEqualTo(expected.get(k));
          assertThat(lc[1]).as("records of key %d", k).isEqualTo(recordsPerKey);
        });
  }

  @Test
  void runningSumsOverALargeStateMatchAPlainFold() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    List<Tuple2<Long, Long>> out =
        env.fromSequence(0, RECORDS - 1)
            .keyBy(LargeStateJobTest::key, Types.LONG)
            .process(new RunningSum(), Types.TUPLE(Types.LONG, Types.LONG))
            .executeAndCollect(Integer.MAX_VALUE);

    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < RECORDS; i++) {
      expected.merge(key(i), i, Long::sum);
    }
    assertSums(out, expected, 3);
  }

  @Test
  void connectedKeyedStreamsOverALargeStateMatchAPlainFold() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    var first = env.fromSequence(0, RECORDS - 1).keyBy(LargeStateJobTest::key, Types.LONG);
    var second = env.fromSequence(0, KEYS - 1).keyBy(LargeStateJobTest::key, Types.LONG);
    List<Tuple2<Long, Long>> out =
        first
            .connect(second)
            .process(new TwoSidedSum(), Types.TUPLE(Types.LONG, Types.LONG))
            .executeAndCollect(Integer.MAX_VALUE);

    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < RECORDS; i++) {
      expected.merge(key(i), i, Long::sum);
    }
    for (long i = 0; i < KEYS; i++) {
      expected.merge(key(i), -2 * i, Long::sum);
    }
    assertSums(out, expected, 4);
  }

  static final Map<Long, Long> MAX_SUM = new java.util.concurrent.ConcurrentHashMap<>();
  static final java.util.concurrent.atomic.AtomicInteger FAILURES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Checkpoints of a large state, taken while the task prefetches it (the snapshot's copy on write
   * and the prefetch's reads go on together), and a failure after several of them: the restored job
   * counts every record exactly once.
   */
  @Test
  void aLargeStateRestoresExactlyOnceAfterAFailure(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    MAX_SUM.clear();
    FAILURES.set(0);
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(50), CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(10)));
    env.fromSource(
            new DataGeneratorSource<>(i -> i, RECORDS, 300_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .map(
            i -> {
              if (i == RECORDS - KEYS / 2 && FAILURES.getAndIncrement() == 0) {
                throw new IllegalStateException("injected failure at " + i);
              }
              return Tuple2.of(key(i), i);
            })
        .returns(Types.TUPLE(Types.LONG, Types.LONG))
        .keyBy(t -> t.f0, Types.LONG)
        .sum(1)
        .addSink((t, ctx) -> MAX_SUM.merge(t.f0, t.f1, Math::max));
    JobHandle h = env.executeAsync("large state recovery");
    JobResult r = h.await(Duration.ofSeconds(120));
    assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(h.restarts()).isEqualTo(1);
    assertThat(h.checkpoints()).hasSizeGreaterThan(2);

    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < RECORDS; i++) {
      expected.merge(key(i), i, Long::sum);
    }
    assertThat(MAX_SUM).isEqualTo(expected);
  }
}
