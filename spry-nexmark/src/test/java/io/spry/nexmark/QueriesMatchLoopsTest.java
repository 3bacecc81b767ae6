package io.spry.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;
import io.spry.nexmark.queries.Queries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query gives the same result in Spry, at parallelism 1, 2 and 3 (4 blocks: uneven), as the
 * plain loop over the same events. Event time only: the watermark never makes a record late (blocks
 * advance in step, 4 s of slack) and the end of input fires every window and timer, so results do
 * not depend on timing.
 */
class QueriesMatchLoopsTest {
  /** 40,000 events in 4 blocks at 1,000 events/s: 40 s of event time, so many windows close. */
  static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT
          .withNumEvents(40_000)
          .withNumEventGenerators(4)
          .withFirstEventRate(1_000);

  static Stream<Arguments> queriesAndParallelism() {
    return Stream.of(Query.values()).flatMap(q -> Stream.of(1, 2, 3).map(p -> Arguments.of(q, p)));
  }

  @ParameterizedTest(name = "{0} at parallelism {1}")
  @MethodSource("queriesAndParallelism")
  void sprySameRowsAsTheLoop(Query query, int parallelism) {
    List<Object> expected = Loops.collect(query, CONFIG);
    List<Object> actual = Queries.collect(query, CONFIG, parallelism);
    assertThat(expected).as("the loop's result of %s", query).isNotEmpty();
    assertThat(counts(actual)).isEqualTo(counts(expected));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Query.class)
  void sameCountAndChecksum(Query query) {
    QueryResult expected = Loops.run(query, CONFIG);
    assertThat(Queries.run(query, CONFIG, 2)).isEqualTo(expected);
  }

  private static Map<Object, Long> counts(List<Object> rows) {
    Map<Object, Long> counts = new HashMap<>();
    for (Object row : rows) {
      counts.merge(row, 1L, Long::sum);
    }
    return counts;
  }
}
