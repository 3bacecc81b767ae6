package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.SinkFunction;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeHint;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Event-time windows across a failure: each window's result, replayed or not, must count exactly
 * the records in it. Window contents, trigger timers and merging-window sets come back from the
 * checkpoint.
 */
class WindowRecoveryTest {
  static final long N = 24_000;
  static final Map<String, Map<String, Long>> RESULTS = new ConcurrentHashMap<>();
  static final Map<String, Map<String, Long>> CONFLICTS = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();

  /** Emits "key@start-end" with the number of records in the window. */
  static final class CountWindow
      extends ProcessWindowFunction<Tuple2<Long, Long>, String, Long, TimeWindow> {
    @Override
    public void process(
        Long key, Context ctx, Iterable<Tuple2<Long, Long>> elements, Collector<String> out) {
      long n = 0;
      for (Tuple2<Long, Long> e : elements) {
        n += e.f1;
      }
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + "=" + n);
    }
  }

  /** Sums the records' counts (for the sliced operator: a merge is needed). */
  static final class Count
      implements io.spry.api.functions.AggregateFunction<Tuple2<Long, Long>, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple2<Long, Long> value, Long acc) {
      return acc + value.f1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Emits "key@start-end" with the window's count. */
  static final class LabelCount extends ProcessWindowFunction<Long, String, Long, TimeWindow> {
    @Override
    public void process(Long key, Context ctx, Iterable<Long> counts, Collector<String> out) {
      out.collect(
          key
              + "@"
              + ctx.window().getStart()
              + "-"
              + ctx.window().getEnd()
              + "="
              + counts.iterator().next());
    }
  }

  static final class Results implements SinkFunction<String> {
    final String test;

    Results(String test) {
      this.test = test;
    }

    @Override
    public void invoke(String s, Context ctx) {
      String[] kv = s.split("=");
      Long before = RESULTS.get(test).put(kv[0], Long.parseLong(kv[1]));
      if (before != null && before != Long.parseLong(kv[1])) {
        CONFLICTS.get(test).put(kv[0], before);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tumbling", "sliding", "sliding-aggregate", "sliding-shared", "session"})
  void windowResultsAreCompleteAndCountEachRecordOnce(String kind, @TempDir Path dir)
      throws Exception {
    RESULTS.put(kind, new ConcurrentHashMap<>());
    CONFLICTS.put(kind, new ConcurrentHashMap<>());
    FAILED.put(kind, new AtomicInteger());
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(5));
    env.getConfig().setStateBackend(stateBackend());
    configure(env.getConfig());
    env.enableCheckpointing(Duration.ofMillis(50));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.getCheckpointConfig().setIncremental(incremental());
    env.setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(10)));
    String test = kind;
    var keyed =
        env.fromSource(
                new DataGeneratorSource<>(i -> i, N, 16_000, TypeInfo.of(Long.class)),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((v, t) -> session(kind) ? sessionTime(v) : v),
                "numbers")
            .map(
                v -> {
                  if (v == 15_000 && FAILED.get(test).getAndIncrement() == 0) {
                    throw new IllegalStateException("injected failure");
                  }
                  return Tuple2.of(v % 5, 1L);
                })
            .returns(new TypeHint<Tuple2<Long, Long>>() {})
            .keyBy(t -> t.f0);
    var windowed =
        switch (kind) {
          case "tumbling" -> keyed.window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)));
          case "sliding", "sliding-aggregate" ->
              keyed.window(
                  SlidingEventTimeWindows.of(Duration.ofMillis(1000), Duration.ofMillis(250)));
          case "sliding-shared" ->
              // 10 slices per window: on the heap, consecutive windows share partial aggregates
              keyed.window(
                  SlidingEventTimeWindows.of(Duration.ofMillis(1000), Duration.ofMillis(100)));
          default -> keyed.window(EventTimeSessionWindows.withGap(Duration.ofMillis(50)));
        };
    if (kind.equals("sliding")) {
      // incremental, on the general window operator (a sliding reduce is not sliced)
      windowed
          .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1), new CountWindow())
          .addSink(new Results(test));
    } else if (kind.equals("sliding-aggregate") || kind.equals("sliding-shared")) {
      // sliced: per key and 250 ms slice one count, and window passes over the slices' key lists,
      // checkpointed every 50 ms while they run
      windowed.aggregate(new Count(), new LabelCount()).addSink(new Results(test));
    } else {
      windowed.process(new CountWindow()).addSink(new Results(test));
    }
    JobHandle h = env.executeAsync("windows-" + kind);
    h.await(Duration.ofSeconds(60));
    assertThat(h.restarts()).isEqualTo(1);

    Map<String, Long> expected = new HashMap<>();
    if (session(kind)) {
      // each key has 20 records per burst, 5 ms apart: one session from its first to its last
      for (long burst = 0; burst < N / 100; burst++) {
        for (long k = 0; k < 5; k++) {
          long first = burst * 300 + k;
          long last = burst * 300 + 95 + k;
          expected.put(k + "@" + first + "-" + (last + 50), 20L);
        }
      }
    } else {
      for (long ts = 0; ts < N; ts++) {
        long k = ts % 5;
        if (kind.equals("tumbling")) {
          long start = ts - ts % 1000;
          expected.merge(k + "@" + start + "-" + (start + 1000), 1L, Long::sum);
        } else if (kind.equals("sliding-shared")) {
          for (long start = ts - ts % 100 - 900; start <= ts; start += 100) {
            expected.merge(k + "@" + start + "-" + (start + 1000), 1L, Long::sum);
          }
        } else { // sliding and sliding-aggregate
          for (long start = ts - ts % 250 - 750; start <= ts; start += 250) {
            expected.merge(k + "@" + start + "-" + (start + 1000), 1L, Long::sum);
          }
        }
      }
    }
    assertThat(CONFLICTS.get(kind)).isEmpty();
    assertThat(RESULTS.get(kind)).isEqualTo(expected);
  }

  /** The state backend the job runs on; spry-state-rocksdb runs this test on "rocksdb" too. */
  protected String stateBackend() {
    return "heap";
  }

  /** More settings of the job (e.g. a state backend option). */
  protected void configure(io.spry.api.JobConfig config) {}

  /**
   * Whether checkpoints are incremental where the backend can (RocksDB; the default): the RocksDB
   * subclasses run this test both ways.
   */
  protected boolean incremental() {
    return true;
  }

  private static boolean session(String kind) {
    return kind.equals("session");
  }

  /** Bursts of 100 records, 1 ms apart, every 300 ms. */
  private static long sessionTime(long v) {
    return (v / 100) * 300 + v % 100;
  }
}
