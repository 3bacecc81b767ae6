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

  /** The time of the timer record {@code i} registers: ahead of it by up to 20,000. */
  static long timerOf(long i) {
    return i + 1 + (i * 31) % 20_000;
  }

  /**
   * Holds each record until the timer it registered fires, then emits {@code (key, timer, sum,
   * count)} of the key's records that registered that timer (several register the same one: one
   * timer, one row). A count per key that is never cleared keeps every key's row, so each subtask
   * holds about 60,000 keys and fires its timers in prefetched runs.
   */
  static final class HoldUntilTimer
      extends KeyedProcessFunction<Long, Long, io.spry.api.tuple.Tuple4<Long, Long, Long, Long>> {
    private transient io.spry.api.state.ListState<Long> held;
    private transient ValueState<Long> seen;

    @Override
    public void open() {
      held =
          getRuntimeContext()
              .getListState(new io.spry.api.state.ListStateDescriptor<>("held", Long.class));
      seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Long.class));
    }

    @Override
    public void processElement(
        Long i, Context ctx, Collector<io.spry.api.tuple.Tuple4<Long, Long, Long, Long>> out)
        throws Exception {
      held.add(i);
      Long n = seen.value();
      seen.update(n == null ? 1 : n + 1);
      ctx.timerService().registerEventTimeTimer(timerOf(i));
    }

    @Override
    public void onTimer(
        long timestamp,
        OnTimerContext ctx,
        Collector<io.spry.api.tuple.Tuple4<Long, Long, Long, Long>> out)
        throws Exception {
      long sum = 0;
      long count = 0;
      List<Long> keep = new java.util.ArrayList<>();
      for (Long i : held.get()) {
        if (timerOf(i) == timestamp) {
          sum += i;
          count++;
        } else {
          keep.add(i);
        }
      }
      held.update(keep);
      out.collect(io.spry.api.tuple.Tuple4.of(ctx.getCurrentKey(), timestamp, sum, count));
    }
  }

  /**
   * Event-time timers over a large state fire in prefetched runs ({@code TimerService}); what they
   * emit must be what grouping the records by key and timer in plain Java gives: every timer once,
   * each with exactly its own records.
   */
  @Test
  void eventTimeTimersOverALargeStateFireAsAPlainGroupingSays() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(1));
    List<io.spry.api.tuple.Tuple4<Long, Long, Long, Long>> out =
        env.fromSequence(0, RECORDS - 1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(5))
                    .withTimestampAssigner((i, r) -> i))
            .keyBy(LargeStateJobTest::key, Types.LONG)
            .process(
                new HoldUntilTimer(), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG))
            .executeAndCollect(Integer.MAX_VALUE);

    Map<List<Long>, long[]> expected = new HashMap<>(); // (key, timer) -> sum, count
    for (long i = 0; i < RECORDS; i++) {
      long[] sc = expected.computeIfAbsent(List.of(key(i), timerOf(i)), k -> new long[2]);
      sc[0] += i;
      sc[1]++;
    }
    Map<List<Long>, long[]> got = new HashMap<>();
    for (var t : out) {
      assertThat(got.put(List.of(t.f0, t.f1), new long[] {t.f2, t.f3}))
          .as("timer %d of key %d fired once", t.f1, t.f0)
          .isNull();
    }
    assertThat(got.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (kt, sc) -> assertThat(got.get(kt)).as("sum and count of %s", kt).containsExactly(sc));
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
