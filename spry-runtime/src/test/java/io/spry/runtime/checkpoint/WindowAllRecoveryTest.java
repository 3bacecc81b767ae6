package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointListener;
import io.spry.api.checkpoint.CheckpointedFunction;
import io.spry.api.checkpoint.FunctionInitializationContext;
import io.spry.api.checkpoint.FunctionSnapshotContext;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.MapFunction;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pre-aggregated {@code windowAll} across a failure: the parallel subtasks hand their open
 * partial accumulators to the window subtask before each barrier, so a restore from that checkpoint
 * neither loses nor repeats a record.
 */
class WindowAllRecoveryTest {
  static final long N = 24_000;
  static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();
  static final Map<String, AtomicBoolean> CHECKPOINTED = new ConcurrentHashMap<>();
  static final Map<String, AtomicBoolean> RESTORED = new ConcurrentHashMap<>();

  static final class Count implements AggregateFunction<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Long value, long[] acc) {
      acc[0]++;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  /** "start-end=count". */
  static final class Label extends ProcessAllWindowFunction<Long, String, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<Long> elements, Collector<String> out) {
      out.collect(
          ctx.window().getStart() + "-" + ctx.window().getEnd() + "=" + elements.iterator().next());
    }
  }

  /** Fails once, at record 15,000, after a checkpoint completed; notes whether it was restored. */
  static final class FailOnce
      implements MapFunction<Long, Long>, CheckpointListener, CheckpointedFunction {
    final String test;

    FailOnce(String test) {
      this.test = test;
    }

    @Override
    public Long map(Long v) {
      if (v >= 15_000 && CHECKPOINTED.get(test).get() && FAILED.get(test).getAndIncrement() == 0) {
        throw new IllegalStateException("injected failure");
      }
      return v;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.get(test).set(true);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void initializeState(FunctionInitializationContext context) {
      if (context.isRestored()) {
        RESTORED.get(test).set(true);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tumbling", "sliding"})
  void everyRecordCountsOnceAcrossARestore(String kind, @TempDir Path dir) throws Exception {
    // results go to WindowRecoveryTest's sink, under a name of their own
    String results = "windowAll-" + kind;
    WindowRecoveryTest.RESULTS.put(results, new ConcurrentHashMap<>());
    WindowRecoveryTest.CONFLICTS.put(results, new ConcurrentHashMap<>());
    FAILED.put(kind, new AtomicInteger());
    CHECKPOINTED.put(kind, new AtomicBoolean());
    RESTORED.put(kind, new AtomicBoolean());
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(5));
    env.enableCheckpointing(Duration.ofMillis(50));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(10)));
    var numbers =
        env.fromSource(
                new DataGeneratorSource<>(i -> i, N, 16_000, TypeInfo.of(Long.class)),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((v, t) -> v),
                "numbers")
            .map(new FailOnce(kind));
    var windowed =
        kind.equals("tumbling")
            ? numbers.windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
            : numbers.windowAll(
                SlidingEventTimeWindows.of(Duration.ofMillis(1000), Duration.ofMillis(250)));
    windowed.aggregate(new Count(), new Label()).addSink(new WindowRecoveryTest.Results(results));
    JobHandle h = env.executeAsync("windowAll-" + kind);
    h.await(Duration.ofSeconds(60));
    assertThat(h.restarts()).isEqualTo(1);
    assertThat(RESTORED.get(kind)).isTrue(); // from a checkpoint, not from the start

    Map<String, Long> expected = new HashMap<>();
    for (long ts = 0; ts < N; ts++) {
      if (kind.equals("tumbling")) {
        long start = ts - ts % 1000;
        expected.merge(start + "-" + (start + 1000), 1L, Long::sum);
      } else {
        for (long start = ts - ts % 250 - 750; start <= ts; start += 250) {
          expected.merge(start + "-" + (start + 1000), 1L, Long::sum);
        }
      }
    }
    assertThat(WindowRecoveryTest.CONFLICTS.get(results)).isEmpty();
    assertThat(WindowRecoveryTest.RESULTS.get(results)).isEqualTo(expected);
  }
}
