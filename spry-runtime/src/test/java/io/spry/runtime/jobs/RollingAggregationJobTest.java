package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.StreamEnvironment;
import io.spry.api.functions.Collector;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rolling aggregations through whole jobs, against the same folds done in plain Java. */
class RollingAggregationJobTest {

  /** A reading of a sensor. */
  public record Reading(String sensor, long value, long seq) {}

  private static List<Reading> readings() {
    List<Reading> out = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      out.add(new Reading("s" + (i % 7), (i * 7919) % 1000, i));
    }
    return out;
  }

  private static <K, V> Map<K, V> lastPerKey(List<V> out, java.util.function.Function<V, K> key) {
    Map<K, V> last = new HashMap<>();
    for (V v : out) {
      last.put(key.apply(v), v);
    }
    return last;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void sumByNameOnRecords(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Reading> out =
        env.fromCollection(readings())
            .keyBy(Reading::sensor)
            .sum("value")
            .executeAndCollect(1 << 20);
    assertThat(out).hasSize(2000);
    Map<String, Long> sums = new HashMap<>();
    Map<String, Long> firstSeq = new HashMap<>();
    for (Reading r : readings()) {
      sums.merge(r.sensor(), r.value(), Long::sum);
      firstSeq.putIfAbsent(r.sensor(), r.seq());
    }
    Map<String, Reading> last = lastPerKey(out, Reading::sensor);
    last.forEach(
        (k, r) -> {
          assertThat(r.value()).isEqualTo(sums.get(k));
          // the other fields are the key's first record's
          assertThat(r.seq()).isEqualTo(firstSeq.get(k));
        });
    assertThat(last).hasSize(7);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void minMaxMinByMaxByOnTuples(int p) {
    List<Tuple3<String, Long, Long>> in = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      in.add(Tuple3.of("k" + (i % 5), (i * 31) % 97, i));
    }
    Map<String, Long> min = new HashMap<>();
    Map<String, Long> max = new HashMap<>();
    Map<String, Tuple3<String, Long, Long>> minBy = new HashMap<>();
    Map<String, Tuple3<String, Long, Long>> maxBy = new HashMap<>();
    for (Tuple3<String, Long, Long> t : in) {
      min.merge(t.f0, t.f1, Math::min);
      max.merge(t.f0, t.f1, Math::max);
      minBy.merge(t.f0, t, (a, b) -> b.f1 < a.f1 ? b : a);
      maxBy.merge(t.f0, t, (a, b) -> b.f1 > a.f1 ? b : a);
    }
    for (String kind : List.of("min", "max", "minBy", "maxBy")) {
      StreamEnvironment env = StreamEnvironment.createLocal(p);
      var keyed =
          env.fromCollection(in, Types.TUPLE(Types.STRING, Types.LONG, Types.LONG))
              .setParallelism(1)
              .keyBy(t -> t.f0);
      var stream =
          switch (kind) {
            case "min" -> keyed.min(1);
            case "max" -> keyed.max(1);
            case "minBy" -> keyed.minBy(1);
            default -> keyed.maxBy(1);
          };
      @SuppressWarnings("unchecked")
      List<Tuple3<String, Long, Long>> out =
          (List<Tuple3<String, Long, Long>>) (List<?>) stream.executeAndCollect(1 << 20);
      Map<String, Tuple3<String, Long, Long>> last = lastPerKey(out, t -> t.f0);
      for (String k : last.keySet()) {
        switch (kind) {
          case "min" -> assertThat(last.get(k).f1).isEqualTo(min.get(k));
          case "max" -> assertThat(last.get(k).f1).isEqualTo(max.get(k));
          case "minBy" -> assertThat(last.get(k)).isEqualTo(minBy.get(k));
          default -> assertThat(last.get(k)).isEqualTo(maxBy.get(k));
        }
      }
      assertThat(last).hasSize(5);
    }
  }

  /** Word count the classic way: flatMap with a lambda needs returns(...), then sum(1). */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void wordCountWithSumByPosition(int p) {
    List<String> lines = List.of("to be or not to be", "that is the question", "to be is to do");
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Tuple2<String, Integer>> out =
        env.fromCollection(lines)
            .flatMap(
                (String line, Collector<Tuple2<String, Integer>> c) -> {
                  for (String w : line.split(" ")) {
                    c.collect(Tuple2.of(w, 1));
                  }
                })
            .returns(Types.TUPLE(Types.STRING, Types.INT))
            .keyBy(t -> t.f0)
            .sum(1)
            .executeAndCollect(1000);
    Map<String, Integer> expected = new HashMap<>();
    lines.forEach(
        l ->
            java.util.Arrays.stream(l.split(" ")).forEach(w -> expected.merge(w, 1, Integer::sum)));
    Map<String, Integer> last = new HashMap<>();
    out.forEach(t -> last.put(t.f0, t.f1));
    assertThat(last).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1})
  void missingTypeFailsAtBuildTimeSayingWhereAndHow(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    var words =
        env.fromElements("a b", "c")
            .flatMap(
                (String line, Collector<Tuple2<String, Integer>> c) ->
                    c.collect(Tuple2.of(line, 1)));
    assertThatThrownBy(() -> words.keyBy(t -> t.f0).sum(1))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("flatMap")
        .hasMessageContaining("RollingAggregationJobTest.java")
        .hasMessageContaining(".returns(");
  }

  @ParameterizedTest
  @ValueSource(ints = {1})
  void wrongFieldNameListsTheFields(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    var keyed = env.fromCollection(readings()).keyBy(Reading::sensor);
    assertThatThrownBy(() -> keyed.sum("valeu"))
        .hasMessageContaining("valeu")
        .hasMessageContaining("value")
        .hasMessageContaining("sensor");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void projectPicksTupleFields(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Tuple3<Long, String, Long>> in =
        LongStream.range(0, 100).mapToObj(i -> Tuple3.of(i, "n" + i, i * i)).toList();
    List<Tuple2<Long, Long>> out =
        env.fromCollection(in, Types.TUPLE(Types.LONG, Types.STRING, Types.LONG))
            .<Tuple2<Long, Long>>project(2, 0)
            .executeAndCollect(1000);
    assertThat(out)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.range(0, 100).mapToObj(i -> Tuple2.of(i * i, i)).toList());
  }
}
