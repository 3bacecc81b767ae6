package io.spry.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query gives the same result (row count and checksum) on Flink at parallelism 2 as the plain
 * loop over the same events: the same configuration as spry-nexmark's {@code
 * QueriesMatchLoopsTest}, so Spry, Flink and the loop agree.
 */
class FlinkQueriesMatchLoopsTest {
  /** 40,000 events in 4 blocks at 1,000 events/s: 40 s of event time, so many windows close. */
  static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT
          .withNumEvents(40_000)
          .withNumEventGenerators(4)
          .withFirstEventRate(1_000);

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
  @EnumSource(Query.class)
  void sameCountAndChecksumAsTheLoop(Query query) throws Exception {
    QueryResult expected = Loops.run(query, CONFIG);
    assertThat(expected.rows()).as("the loop's rows of %s", query).isPositive();
    assertThat(flink.run(query, CONFIG, 2)).isEqualTo(expected);
  }
}
