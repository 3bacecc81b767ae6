package io.spry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobExecutionException;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.tuple.Tuple2;
import io.spry.runtime.testing.ListSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalJobTest {

  private static List<Long> numbers(int n) {
    return LongStream.range(0, n).boxed().toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void mapFilterKeyByReduceEqualsPlainJava(int parallelism) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    List<Long> input = numbers(10_000);
    List<Tuple2<Long, Long>> out =
        env.fromSource(
                new ListSource<>(input, Long.class), WatermarkStrategy.noWatermarks(), "nums")
            .map(x -> x * 3)
            .filter(x -> x % 2 == 0)
            .map(x -> Tuple2.of(x % 7, x))
            .keyBy(t -> t.f0)
            .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
            .executeAndCollect(Integer.MAX_VALUE);

    Map<Long, Long> expected = new HashMap<>();
    long expectedCount = 0;
    for (long x : input) {
      long y = x * 3;
      if (y % 2 == 0) {
        expected.merge(y % 7, y, Long::sum);
        expectedCount++;
      }
    }
    assertThat(out).hasSize((int) expectedCount);
    // Each key's results come from one subtask in order: the last one is the key's total.
    Map<Long, Long> last = new HashMap<>();
    for (Tuple2<Long, Long> t : out) {
      last.put(t.f0, t.f1);
    }
    assertThat(last).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void userExceptionNamesOperatorSubtaskAndRecord(int parallelism) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    env.fromSource(
            new ListSource<>(numbers(100), Long.class), WatermarkStrategy.noWatermarks(), "nums")
        .map(x -> 10 / (x - 42))
        .name("divide")
        .addSink((v, ctx) -> {});
    assertThatThrownBy(() -> env.execute("failing"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("'divide'")
        .hasMessageContaining("on record 42")
        .hasMessageContaining("ArithmeticException")
        .hasMessageMatching("(?s).*\\(\\d/" + parallelism + "\\).*");
  }
}
