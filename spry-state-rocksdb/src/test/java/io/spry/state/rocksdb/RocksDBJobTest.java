package io.spry.state.rocksdb;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.testkit.JobTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs choose the backend by name: the same keyed and windowed job gives the same results on
 * "rocksdb" as on "heap" (and as computed here), leaves no working files behind, and an unknown
 * name fails before the job runs with the names that exist.
 */
class RocksDBJobTest {
  @TempDir Path dir;

  /** Per word, its count so far, kept in a map state: "word=count". */
  static final class Counts extends KeyedProcessFunction<String, Tuple2<String, Long>, String> {
    private transient MapState<String, Long> counts;

    @Override
    public void open() {
      counts =
          getRuntimeContext()
              .getMapState(new MapStateDescriptor<>("counts", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(Tuple2<String, Long> value, Context ctx, Collector<String> out)
        throws Exception {
      Long n = counts.get(value.f0);
      long next = n == null ? 1 : n + 1;
      counts.put(value.f0, next);
      out.collect(value.f0 + "=" + next);
    }
  }

  private List<String> run(String backend) {
    JobTestDriver driver = JobTestDriver.create(2);
    driver.env().getConfig().setStateBackend(backend).setStateBackendDirectory(dir.toString());
    List<Tuple2<String, Long>> input = input();
    DataStream<Tuple2<String, Long>> events =
        driver
            .env()
            .fromCollection(input, Types.TUPLE(Types.STRING, Types.LONG))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Tuple2<String, Long>>forMonotonousTimestamps()
                    .withTimestampAssigner((t, ts) -> t.f1));
    DataStream<String> sliding =
        events
            .keyBy(t -> t.f0)
            .window(SlidingEventTimeWindows.of(ofMillis(40), ofMillis(10)))
            .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
            .map(t -> "slide " + t.f0 + " " + t.f1);
    DataStream<String> sessions =
        events
            .keyBy(t -> t.f0)
            .window(EventTimeSessionWindows.withGap(ofMillis(7)))
            .reduce((a, b) -> Tuple2.of(a.f0, Math.max(a.f1, b.f1)))
            .map(t -> "session " + t.f0 + " " + t.f1);
    DataStream<String> counts = events.keyBy(t -> t.f0).process(new Counts());
    List<String> out = new ArrayList<>(driver.collect(sliding.union(sessions, counts)));
    out.sort(null);
    return out;
  }

  static List<Tuple2<String, Long>> input() {
    List<Tuple2<String, Long>> in = new ArrayList<>();
    for (long t = 0; t < 3000; t++) {
      in.add(Tuple2.of("w" + (t * 7919 % 13), t));
    }
    return in;
  }

  @Test
  void aJobOnRocksDbGivesTheHeapsResults() throws Exception {
    List<String> rocks = run("rocksdb");
    assertThat(rocks).isEqualTo(run("heap"));
    // the running counts, computed here: every word reaches its number of occurrences
    Map<String, Long> occurrences = new TreeMap<>();
    input().forEach(t -> occurrences.merge(t.f0, 1L, Long::sum));
    occurrences.forEach((w, n) -> assertThat(rocks).contains(w + "=" + n));
    assertThat(rocks).filteredOn(s -> s.contains("=")).hasSize(3000);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty(); // every backend closed and removed its working directory
    }
  }

  @Test
  void anUnknownBackendFailsBeforeTheJobRunsAndSaysWhatExists() {
    JobTestDriver driver = JobTestDriver.create(1);
    driver.env().getConfig().setStateBackend("rockdb");
    driver.sinkToList(driver.env().fromSequence(1, 10).keyBy(x -> x % 2).reduce(Long::sum));
    assertThatThrownBy(driver::run)
        .hasMessageContaining("Unknown state backend 'rockdb'")
        .hasMessageContaining("heap, rocksdb");
  }
}
