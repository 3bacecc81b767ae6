package io.spry.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.loops.Loops;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class BenchTest {
  @Test
  void aMeasurementSurvivesTheWireLine() {
    Measurement m =
        new Measurement(
            "spry", Query.Q5, 1000, 2, 5_000_000, 7_000_000, 1 << 20, 3, 1, new QueryResult(7, -5));
    assertThat(Measurement.parse(m.wire())).isEqualTo(m);
    assertThat(m.eventsPerSecond()).isEqualTo(200_000.0);
    assertThat(m.cpuSecondsPerMillionEvents()).isEqualTo(7.0);
    assertThat(m.line())
        .startsWith("q5 engine=spry events=1000 parallelism=2: 200.0k events/s, 7.000 cpu-s/M")
        .contains("peak heap 1 MB");
  }

  @Test
  void spryAndTheLoopMeasuredInThisJvmAgree() throws Exception {
    Measurement loop = BenchRun.measure(Engine.Kind.LOOP, Query.Q7, 20_000, 2, 5_000);
    Measurement spry = BenchRun.measure(Engine.Kind.SPRY, Query.Q7, 20_000, 2, 5_000);
    QueryResult expected = Loops.run(Query.Q7, BenchRun.config(20_000));
    assertThat(loop.result()).isEqualTo(expected);
    assertThat(spry.result()).isEqualTo(expected);
    assertThat(spry.cpuNanos()).isPositive();
    assertThat(spry.peakHeapBytes()).isPositive();
  }

  @Test
  void aRunInAJvmOfItsOwn() throws Exception {
    BenchJvm jvm = new BenchJvm(List.of("-Xmx256m"), Path.of("no-such-file"));
    Measurement m = jvm.measure(Engine.Kind.SPRY, Query.Q2, 20_000, 2, 0);
    assertThat(m.engine()).isEqualTo("spry");
    assertThat(m.result()).isEqualTo(Loops.run(Query.Q2, BenchRun.config(20_000)));
  }

  @Test
  void flinkWithoutItsClasspathFileSaysHowToBuildIt() {
    BenchJvm jvm = new BenchJvm(List.of(), Path.of("no-such-file"));
    assertThatThrownBy(() -> jvm.measure(Engine.Kind.FLINK, Query.Q0, 10, 1, 0))
        .hasMessageContaining("no-such-file")
        .hasMessageContaining("spry-nexmark-flink");
  }

  @Test
  void theSummaryGivesMediansAndRatiosPerCore() {
    Map<Engine.Kind, List<Measurement>> runs = new EnumMap<>(Engine.Kind.class);
    add(runs, "spry", 4_000_000, 2_000_000, 3_000_000); // median 3M events/s
    add(runs, "flink", 1_000_000, 1_000_000, 1_000_000);
    add(runs, "loop", 6_000_000, 6_000_000, 6_000_000);
    assertThat(Compare.summary(Query.Q5, runs, 2))
        .isEqualTo("q5 spry=3000000 flink=1000000 loop=6000000 spry/flink=3.00 spry/loop=0.25");
    assertThat(Compare.median(DoubleStream.of(1, 4, 2, 3))).isEqualTo(2.5);
    Map<Query, Map<Engine.Kind, List<Measurement>>> all = new java.util.LinkedHashMap<>();
    all.put(Query.Q5, runs);
    List<String> table = Compare.markdownTable(all, 2);
    assertThat(table).hasSize(3);
    assertThat(table.get(0))
        .startsWith("| query | spry events/s | flink events/s | loop events/s |");
    assertThat(table.get(2)).startsWith("| q5 | 3.00M | 1.00M | 6.00M | 3.00 | 0.25 | ");
  }

  private static void add(Map<Engine.Kind, List<Measurement>> runs, String engine, long... rates) {
    List<Measurement> ms = new ArrayList<>();
    for (long rate : rates) {
      // rate events/s: 1,000,000 events in 1e15 / rate ns
      ms.add(
          new Measurement(
              engine,
              Query.Q5,
              1_000_000,
              2,
              1_000_000_000_000_000L / rate,
              0,
              0,
              0,
              0,
              new QueryResult(1, 1)));
    }
    runs.put(Engine.Kind.parse(engine), ms);
  }
}
