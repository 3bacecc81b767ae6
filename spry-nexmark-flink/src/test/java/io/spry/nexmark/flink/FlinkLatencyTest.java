package io.spry.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.ExpectedLatencies;
import io.spry.nexmark.latency.LatencyResult;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.loops.Loops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flink's latency mode measures the same rows, with the same trigger times, as the definition says
 * and the plain loop computes (spry-nexmark's {@code LatencyRunTest} checks Spry the same way): the
 * paced source, the punctuated watermarks and the recording sink agree between the engines.
 */
class FlinkLatencyTest {
  static FlinkEngine flink;

  @BeforeAll
  static void start() {
    flink = new FlinkEngine();
  }

  @AfterAll
  static void stop() throws Exception {
    flink.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Query.class,
      names = {"Q0", "Q3", "Q5", "Q7", "Q8"})
  void flinkMeasuresTheRowsTheLoopSaysItShould(Query query) throws Exception {
    // 40 s of event time, all due a minute ago: the sources run at full speed, behind schedule
    GeneratorConfig config =
        GeneratorConfig.DEFAULT
            .withNumEvents(40_000)
            .withNumEventGenerators(4)
            .withFirstEventRate(1_000)
            .withBaseTime(WallClock.epochMillis() - 60_000);
    ExpectedLatencies expected = ExpectedLatencies.of(query, config, FlinkEngine.OUT_OF_ORDERNESS);
    QueryResult result;
    LatencyResult latency;
    try (LatencyRun run = LatencyRun.open(query, config, FlinkEngine.OUT_OF_ORDERNESS)) {
      result = flink.runLatency(run, 2);
      latency = run.result();
    }
    assertThat(result).isEqualTo(Loops.run(query, config));
    assertThat(latency.negative()).isZero();
    assertThat(latency.micros().getTotalCount()).isEqualTo(latency.measured());
    assertThat(latency.measured() + latency.atEnd()).isEqualTo(expected.rows());
    assertThat(latency.measured()).isEqualTo(expected.measured()).isPositive();
    if (expected.triggerSum() >= 0) {
      assertThat(latency.triggerSum()).isEqualTo(expected.triggerSum());
    }
    assertThat(latency.achievedRate()).isPositive().isFinite();
  }
}
