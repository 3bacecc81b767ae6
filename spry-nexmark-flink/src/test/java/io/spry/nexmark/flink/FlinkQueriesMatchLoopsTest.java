package io.spry.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query gives the same result (row count and checksum) on Flink at parallelism 2 as the plain
 * loop over the same events: the same configuration as spry-nexmark's {@code
 * QueriesMatchLoopsTest}, so Spry, Flink and the loop agree. With either source API.
 */
class FlinkQueriesMatchLoopsTest {
  /** 40,000 events in 4 blocks at 1,000 events/s: 40 s of event time, so many windows close. */
  static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT
          .withNumEvents(40_000)
          .withNumEventGenerators(4)
          .withFirstEventRate(1_000);

  static FlinkEngine legacySource;
  static FlinkEngine flip27Source;

  @BeforeAll
  static void start() {
    legacySource = new FlinkEngine(FlinkEngine.SourceApi.FUNCTION);
    flip27Source = new FlinkEngine(FlinkEngine.SourceApi.FLIP27);
  }

  @AfterAll
  static void stop() throws Exception {
    legacySource.close();
    flip27Source.close();
  }

  static Stream<Arguments> queriesAndSources() {
    return Stream.of(Query.values())
        .flatMap(
            q -> Stream.of(FlinkEngine.SourceApi.values()).map(source -> Arguments.of(q, source)));
  }

  @ParameterizedTest(name = "{0}, source {1}")
  @MethodSource("queriesAndSources")
  void sameCountAndChecksumAsTheLoop(Query query, FlinkEngine.SourceApi source) throws Exception {
    QueryResult expected = Loops.run(query, CONFIG);
    assertThat(expected.rows()).as("the loop's rows of %s", query).isPositive();
    FlinkEngine flink = source == FlinkEngine.SourceApi.FLIP27 ? flip27Source : legacySource;
    assertThat(flink.run(query, CONFIG, 2)).isEqualTo(expected);
  }
}
