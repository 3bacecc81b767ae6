package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.CoGroupFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.JoinFunction;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.runtime.testing.ListSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Window joins and co-groups through whole jobs, against plain-Java computations. */
class WindowJoinJobTest {

  private static DataStream<Long> left(StreamEnvironment env) {
    // element i at time i
    return env.fromSource(
        new ListSource<>(LongStream.range(0, 1000).boxed().toList(), Long.class),
        WatermarkStrategy.forMonotonousTimestamps(),
        "left");
  }

  private static DataStream<Long> right(StreamEnvironment env) {
    // element j at time 2j
    return env.fromSource(
        new ListSource<>(LongStream.range(0, 500).boxed().toList(), Long.class),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((v, ts) -> 2 * v),
        "right");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void windowJoinPairsElementsWithEqualKeysInTheSameWindow(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(1));
    List<String> out =
        left(env)
            .join(right(env))
            .where(x -> x % 7)
            .equalTo(x -> x % 7)
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(50)))
            .apply((JoinFunction<Long, Long, String>) (a, b) -> a + "-" + b, Types.STRING)
            .executeAndCollect(1 << 20);
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      for (long j = 0; j < 500; j++) {
        if (i % 7 == j % 7 && i / 50 == (2 * j) / 50) {
          expected.add(i + "-" + j);
        }
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Counts both sides per key and window; windows with one side only still appear. */
  static final class Counts implements CoGroupFunction<Long, Long, String> {
    @Override
    public void coGroup(Iterable<Long> first, Iterable<Long> second, Collector<String> out) {
      long a = 0;
      long b = 0;
      Long any = null;
      for (Long x : first) {
        a++;
        any = x;
      }
      for (Long x : second) {
        b++;
        any = any == null ? 2 * x : any;
      }
      out.collect((any % 7) + "@" + (any / 50) + "=" + a + "/" + b);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void coGroupSeesBothGroupsEvenWhenOneIsEmpty(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(1));
    // Only the first 300 right elements (times 0..598): later windows have an empty second group.
    List<String> out =
        left(env)
            .coGroup(right(env).filter(x -> x < 300))
            .where(x -> x % 7)
            .equalTo(x -> x % 7)
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(50)))
            .apply(new Counts())
            .executeAndCollect(1 << 20);
    Map<String, long[]> counts = new HashMap<>();
    for (long i = 0; i < 1000; i++) {
      counts.computeIfAbsent((i % 7) + "@" + (i / 50), k -> new long[2])[0]++;
    }
    for (long j = 0; j < 300; j++) {
      counts.computeIfAbsent((j % 7) + "@" + ((2 * j) / 50), k -> new long[2])[1]++;
    }
    List<String> expected = new ArrayList<>();
    counts.forEach((k, c) -> expected.add(k + "=" + c[0] + "/" + c[1]));
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(out).anyMatch(s -> s.endsWith("/0"));
  }
}
