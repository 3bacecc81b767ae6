package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.ProcessJoinFunction;
import io.spry.runtime.testing.ListSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interval joins through whole jobs against a nested-loop join in plain Java. */
class IntervalJoinJobTest {

  /** Emits "left,right,timestamp". */
  static final class Pairs extends ProcessJoinFunction<Long, Long, String> {
    @Override
    public void processElement(Long left, Long right, Context ctx, Collector<String> out) {
      out.collect(left + "," + right + "," + ctx.getTimestamp());
    }
  }

  @ParameterizedTest
  @CsvSource({"1,true,true", "4,true,true", "2,false,true", "3,true,false"})
  void joinsEveryPairWithinTheBounds(int p, boolean lowerInclusive, boolean upperInclusive) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(1));
    // Left element i has timestamp i; right element j has timestamp 2j (ListSource stamps by
    // index).
    var left =
        env.fromSource(
            new ListSource<>(LongStream.range(0, 1000).boxed().toList(), Long.class),
            WatermarkStrategy.forMonotonousTimestamps(),
            "left");
    var right =
        env.fromSource(
            new ListSource<>(LongStream.range(0, 1000).boxed().toList(), Long.class),
            WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((v, ts) -> 2 * v),
            "right");
    var bounded =
        left.keyBy(x -> x % 5)
            .intervalJoin(right.keyBy(x -> x % 5))
            .between(Duration.ofMillis(-5), Duration.ofMillis(10));
    if (!lowerInclusive) {
      bounded = bounded.lowerBoundExclusive();
    }
    if (!upperInclusive) {
      bounded = bounded.upperBoundExclusive();
    }
    List<String> out = bounded.process(new Pairs()).executeAndCollect(1 << 20);

    List<String> expected = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      for (long j = 0; j < 1000; j++) {
        long d = 2 * j - i;
        boolean lo = lowerInclusive ? d >= -5 : d > -5;
        boolean hi = upperInclusive ? d <= 10 : d < 10;
        if (i % 5 == j % 5 && lo && hi) {
          expected.add(i + "," + j + "," + Math.max(i, 2 * j));
        }
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }
}
