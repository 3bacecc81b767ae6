package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointingMode;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.SinkFunction;
import io.spry.api.types.TypeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job fails in the middle and restores its latest checkpoint: keyed state must count every record
 * exactly once. The sink sees rolling sums (replayed ones too); the largest sum per key is the
 * final one, which must equal the sum computed independently.
 */
class RecoveryJobTest {
  static final Map<String, Map<Long, Long>> MAX_SUM = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

  /** Throws once, at a given record, the first {@code times} times it sees it. */
  static final class FailOnce implements MapFunction<Long, Long> {
    final String test;
    final long at;
    final int times;

    FailOnce(String test, long at, int times) {
      this.test = test;
      this.at = at;
      this.times = times;
    }

    @Override
    public Long map(Long v) {
      if (v == at && FAILURES.get(test).getAndIncrement() < times) {
        throw new IllegalStateException("injected failure at " + v);
      }
      return v;
    }
  }

  static final class MaxSink implements SinkFunction<io.spry.api.tuple.Tuple2<Long, Long>> {
    final String test;

    MaxSink(String test) {
      this.test = test;
    }

    @Override
    public void invoke(io.spry.api.tuple.Tuple2<Long, Long> v, Context ctx) {
      MAX_SUM.get(test).merge(v.f0, v.f1, Math::max);
    }
  }

  /**
   * The state backend of the keyed-state test; spry-state-rocksdb runs it on "rocksdb" too, with
   * incremental checkpoints.
   */
  protected String stateBackend() {
    return "heap";
  }

  @ParameterizedTest
  @EnumSource(CheckpointingMode.class)
  void keyedStateCountsEveryRecordOnceAcrossAFailure(CheckpointingMode mode, @TempDir Path dir)
      throws Exception {
    String test = "keyed-" + mode;
    MAX_SUM.put(test, new ConcurrentHashMap<>());
    FAILURES.put(test, new AtomicInteger());
    long n = 30_000;
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setStateBackend(stateBackend());
    env.enableCheckpointing(Duration.ofMillis(50), mode);
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(10)));
    env.fromSource(
            new DataGeneratorSource<>(i -> i, n, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .map(new FailOnce(test, 20_000, 1))
        .map(v -> io.spry.api.tuple.Tuple2.of(v % 7, v))
        .returns(new io.spry.api.types.TypeHint<io.spry.api.tuple.Tuple2<Long, Long>>() {})
        .keyBy(t -> t.f0)
        .sum(1)
        .addSink(new MaxSink(test));
    JobHandle h = env.executeAsync("recovery");
    JobResult r = h.await(Duration.ofSeconds(60));
    assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(h.restarts()).isEqualTo(1);
    assertThat(h.checkpoints()).isNotEmpty();
    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < n; i++) {
      expected.merge(i % 7, i, Long::sum);
    }
    if (mode == CheckpointingMode.EXACTLY_ONCE) {
      assertThat(MAX_SUM.get(test)).isEqualTo(expected);
    } else {
      // without alignment, records after an early barrier may count twice, never zero times
      assertThat(MAX_SUM.get(test).keySet()).isEqualTo(expected.keySet());
      expected.forEach((k, v) -> assertThat(MAX_SUM.get(test).get(k)).isGreaterThanOrEqualTo(v));
    }
  }

  @org.junit.jupiter.api.Test
  void aPoisonRecordEndsTheRestartsWithAMessageThatSaysSo(@TempDir Path dir) {
    String test = "poison";
    FAILURES.put(test, new AtomicInteger());
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(50));
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(100, Duration.ofMillis(10)));
    env.fromSource(
            new DataGeneratorSource<>(i -> i, 5_000, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .map(new FailOnce(test, 3_000, Integer.MAX_VALUE))
        .addSink(new Discard());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> env.execute("poison"))
        .hasMessageContaining("poison record")
        .hasMessageContaining("injected failure at 3000")
        .hasMessageContaining("ErrorPolicy.deadLetter");
    assertThat(FAILURES.get(test).get()).isEqualTo(3);
  }

  static final class Discard implements SinkFunction<Long> {
    @Override
    public void invoke(Long v, Context ctx) {}
  }
}
