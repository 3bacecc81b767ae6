package io.spry.nexmark.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;
import io.spry.nexmark.queries.Queries;
import io.spry.nexmark.source.NexmarkSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LatencyRunTest {
  private static final Duration BOUND = NexmarkSource.OUT_OF_ORDERNESS;

  /**
   * 40,000 events in 4 blocks at 1,000 events/s (40 s of event time, so windows close before the
   * end), all due a minute ago: the sources run at full speed, behind their schedule, so the counts
   * do not depend on timing and the run is short.
   */
  static GeneratorConfig overdue() {
    return GeneratorConfig.DEFAULT
        .withNumEvents(40_000)
        .withNumEventGenerators(4)
        .withFirstEventRate(1_000)
        .withBaseTime(WallClock.epochMillis() - 60_000);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Query.class)
  void spryMeasuresTheRowsTheLoopSaysItShould(Query query) {
    GeneratorConfig config = overdue();
    ExpectedLatencies expected = ExpectedLatencies.of(query, config, BOUND);
    QueryResult result;
    LatencyResult latency;
    try (LatencyRun run = LatencyRun.open(query, config, BOUND)) {
      result = Queries.runPaced(run, 2);
      latency = run.result();
    }
    assertThat(result).isEqualTo(Loops.run(query, config));
    assertThat(latency.negative()).isZero();
    assertThat(latency.micros().getTotalCount()).isEqualTo(latency.measured());
    assertThat(latency.measured() + latency.atEnd()).isEqualTo(expected.rows());
    if (expected.measured() >= 0) {
      assertThat(latency.measured()).isEqualTo(expected.measured());
    }
    if (expected.triggerSum() >= 0) {
      assertThat(latency.triggerSum()).isEqualTo(expected.triggerSum());
    }
    assertThat(latency.measured()).isPositive();
    if (query.emitsOnWatermark()) {
      assertThat(latency.atEnd()).as("rows fired by the end of input").isPositive();
    } else {
      assertThat(latency.atEnd()).isZero();
    }
    assertThat(latency.achievedRate()).isPositive().isFinite();
  }

  @Test
  void aRowIsMeasuredFromItsTriggerTime() {
    GeneratorConfig config = overdue();
    long last = LatencyRun.lastEventTime(config);
    try (LatencyRun perEvent = LatencyRun.open(Query.Q2, config, BOUND);
        LatencyRun windowed = LatencyRun.open(Query.Q5, config, BOUND)) {
      LatencyRecorder r = perEvent.recorder();
      r.record(last, last * 1_000_000 + 1_500_000); // 1.5 ms after its event
      r.record(last - 10, (last - 10) * 1_000_000 - 1); // before its event: counted apart
      r.finish();
      r.finish(); // once only
      LatencyResult p = perEvent.result();
      assertThat(p.measured()).isEqualTo(2);
      assertThat(p.negative()).isEqualTo(1);
      assertThat(p.micros().getTotalCount()).isEqualTo(1);
      assertThat(p.micros().getMaxValue()).isBetween(1499L, 1501L);
      assertThat(p.triggerSum()).isEqualTo(2 * last - 10);

      LatencyRecorder w = windowed.recorder();
      long end = last - 4001; // a window [.., end + 1) fired by the last events' watermark
      w.record(end, (end + 4001) * 1_000_000 + 2_000_000);
      w.record(end + 1, Long.MAX_VALUE); // needs a later event: fired by the end of input
      w.finish();
      LatencyResult l = windowed.result();
      assertThat(l.measured()).isEqualTo(1);
      assertThat(l.atEnd()).isEqualTo(1);
      assertThat(l.triggerSum()).isEqualTo(last);
      assertThat(l.micros().getMaxValue()).isBetween(1999L, 2001L);
      assertThat(l.percentiles()).startsWith("p50 2.00 ms, p99 2.00 ms");
    }
  }

  @Test
  void aRunNeedsWholeRoundsOfEvents() {
    GeneratorConfig uneven = overdue().withNumEvents(40_001);
    assertThatThrownBy(() -> LatencyRun.open(Query.Q0, uneven, BOUND))
        .hasMessageContaining("multiple of the 4 generator blocks");
    assertThatThrownBy(() -> LatencyRun.get("no-such-run")).hasMessageContaining("no-such-run");
  }

  @Test
  void resultsSurviveTheWireAndAdd() {
    GeneratorConfig config = overdue();
    long last = LatencyRun.lastEventTime(config);
    try (LatencyRun run = LatencyRun.open(Query.Q0, config, BOUND)) {
      LatencyRecorder r = run.recorder();
      for (int i = 1; i <= 100; i++) {
        r.record(last, last * 1_000_000 + i * 1_000_000L);
      }
      r.finish();
      LatencyResult result = run.result();
      LatencyResult back =
          new LatencyResult(
              LatencyResult.decodeHistogram(result.encodedHistogram()),
              result.measured(),
              0,
              0,
              result.triggerSum(),
              1000);
      assertThat(back.micros()).isEqualTo(result.micros());
      LatencyResult unknownRate =
          new LatencyResult(back.micros(), 0, 0, 0, 0, Double.NaN); // no source ended
      assertThat(unknownRate.plus(back).achievedRate()).isEqualTo(1000);
      assertThat(back.plus(unknownRate).achievedRate()).isEqualTo(1000);
      LatencyResult both = back.plus(back);
      assertThat(both.measured()).isEqualTo(200);
      assertThat(both.micros().getTotalCount()).isEqualTo(200);
      assertThat(both.percentileMillis(50)).isBetween(49.9, 50.1);
      assertThat(both.maxMillis()).isBetween(99.9, 100.1);
    }
  }
}
