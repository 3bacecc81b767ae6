package io.spry.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.latency.LatencyResult;
import io.spry.nexmark.loops.Loops;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class BenchTest {
  /**
   * When each run of 20 ms began, in ns from before {@link BenchRun#warmUp} was called with the
   * floor at {@code seconds}; the last element is when the call returned.
   */
  private static List<Long> warmUp(String seconds, long events) throws Exception {
    String before = System.getProperty(BenchRun.WARMUP_SECONDS_PROPERTY);
    if (seconds == null) {
      System.clearProperty(BenchRun.WARMUP_SECONDS_PROPERTY);
    } else {
      System.setProperty(BenchRun.WARMUP_SECONDS_PROPERTY, seconds);
    }
    try {
      List<Long> times = new ArrayList<>();
      long begin = System.nanoTime();
      BenchRun.warmUp(
          () -> {
            times.add(System.nanoTime() - begin);
            Thread.sleep(20);
          },
          events);
      times.add(System.nanoTime() - begin);
      return times;
    } finally {
      if (before == null) {
        System.clearProperty(BenchRun.WARMUP_SECONDS_PROPERTY);
      } else {
        System.setProperty(BenchRun.WARMUP_SECONDS_PROPERTY, before);
      }
    }
  }

  @Test
  void theWarmUpRepeatsItsRunUntilItsTimeFloorHasPassed() throws Exception {
    assertThat(warmUp(null, 1000)).hasSize(2); // one run, then the return
    assertThat(warmUp("0", 1000)).hasSize(2);
    assertThat(warmUp("5", 0)).hasSize(1); // no warm-up events: no run at all

    List<Long> t = warmUp("0.2", 1000);
    long floor = 200_000_000;
    assertThat(t.get(t.size() - 1)).as("returned after the floor").isGreaterThanOrEqualTo(floor);
    // every run but the first began before the floor had passed since the first began
    assertThat(t.subList(1, t.size() - 1)).allMatch(start -> start < t.get(0) + floor);
    assertThat(t.size() - 1)
        .as("runs of at least 20 ms begun within 0.2 s")
        .isLessThanOrEqualTo(11);
  }

  @Test
  void aMeasurementSurvivesTheWireLine() {
    Measurement m =
        new Measurement(
            "spry",
            Query.Q5,
            1000,
            2,
            5_000_000,
            7_000_000,
            1 << 20,
            3 << 20,
            3,
            1,
            new QueryResult(7, -5));
    assertThat(Measurement.parse(m.wire())).isEqualTo(m);
    assertThat(m.eventsPerSecond()).isEqualTo(200_000.0);
    assertThat(m.cpuSecondsPerMillionEvents()).isEqualTo(7.0);
    assertThat(m.line())
        .startsWith("q5 engine=spry events=1000 parallelism=2: 200.0k events/s, 7.000 cpu-s/M")
        .contains("peak heap 1 MB, after GC 3 MB, gc 3 ms (1)");
    Measurement none =
        new Measurement("loop", Query.Q5, 1000, 2, 5, 7, 1 << 20, -1, 0, 0, new QueryResult(7, -5));
    assertThat(Measurement.parse(none.wire())).isEqualTo(none);
    assertThat(none.line()).contains("peak heap 1 MB, after GC -, gc 0 ms (0)");
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
  void theHeapAfterCollectionsIsWhatTheRunKeptAlive() throws Exception {
    // a small young generation: the run collects many times, and q8 keeps window contents alive
    BenchJvm jvm = new BenchJvm(List.of("-Xmx128m", "-Xmn8m"), Path.of("no-such-file"));
    Measurement m = jvm.measure(Engine.Kind.SPRY, Query.Q8, 300_000, 2, 0);
    assertThat(m.gcCount()).isPositive();
    assertThat(m.heapAfterGcBytes()).isPositive().isLessThanOrEqualTo(m.peakHeapBytes());
    assertThat(m.line()).containsPattern("after GC \\d+ MB");
  }

  @Test
  void aLatencyRunInAJvmOfItsOwn() throws Exception {
    BenchJvm jvm = new BenchJvm(List.of("-Xmx256m"), Path.of("no-such-file"));
    LatencyMeasurement m = jvm.measureLatency(Engine.Kind.SPRY, Query.Q2, 20_000, 4_000, 2, 0);
    assertThat(m.engine()).isEqualTo("spry");
    assertThat(m.events()).isEqualTo(4_000);
    assertThat(m.latency().negative()).isZero();
    // q2: one row per bid on every 123rd auction, each measured from its bid
    assertThat(m.latency().measured()).isEqualTo(m.result().rows()).isPositive();
    assertThat(m.latency().micros().getTotalCount()).isEqualTo(m.result().rows());
    assertThat(m.line())
        .startsWith("q2 engine=spry parallelism=2 rate=20.0k events/s for 0.2 s: p50 ")
        .contains(" results (0 more at end of input), achieved ");
  }

  @Test
  void aLatencyMeasurementSurvivesTheWireLine() {
    LatencyMeasurement m = latency("spry", 1, 2, 3);
    LatencyMeasurement back = LatencyMeasurement.parse(m.wire());
    assertThat(back.latency().micros()).isEqualTo(m.latency().micros());
    assertThat(back.latency().measured()).isEqualTo(3);
    assertThat(back.latency().atEnd()).isEqualTo(1);
    assertThat(back.latency().achievedRate()).isEqualTo(99_000.0);
    assertThat(back.line()).isEqualTo(m.line());
    assertThat(m.line())
        .isEqualTo(
            "q5 engine=spry parallelism=2 rate=100.0k events/s for 2.0 s: p50 2.00 ms, p99 3.00 ms,"
                + " p99.9 3.00 ms, max 3.00 ms over 3 results (1 more at end of input), achieved"
                + " 99.0k events/s, gc 4 ms (1), rows=4 checksum=0000000000000007");
  }

  @Test
  void theLatencySummaryMergesTheRounds() {
    Map<Engine.Kind, LatencyResult> runs = new EnumMap<>(Engine.Kind.class);
    runs.put(Engine.Kind.SPRY, latency("spry", 1, 2).latency().plus(latency("spry", 3).latency()));
    runs.put(Engine.Kind.FLINK, latency("flink", 10, 20, 30).latency());
    assertThat(Compare.latencySummary(Query.Q5, 100_000, runs))
        .isEqualTo(
            "q5 rate=100000 spry: p50 2.00 ms, p99 3.00 ms, p99.9 3.00 ms, max 3.00 ms over 3"
                + " results (2 more at end of input), achieved 99.0k events/s; flink: p50 20.0 ms,"
                + " p99 30.0 ms, p99.9 30.0 ms, max 30.0 ms over 3 results (1 more at end of"
                + " input), achieved 99.0k events/s");
    Map<Query, Map<Engine.Kind, LatencyResult>> all = new java.util.LinkedHashMap<>();
    all.put(Query.Q5, runs);
    List<String> table = Compare.latencyTable(all, Map.of(Query.Q5, 100_000L));
    assertThat(table)
        .containsExactly(
            "| query | rate events/s | engine | p50 ms | p99 ms | p99.9 ms | max ms | results"
                + " measured | achieved events/s |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|",
            "| q5 | 100.0k | spry | 2.00 | 3.00 | 3.00 | 3.00 | 3 | 99.0k |",
            "| q5 | 100.0k | flink | 20.0 | 30.0 | 30.0 | 30.0 | 3 | 99.0k |");
  }

  /** A latency measurement of q5 with the given latencies in ms and one row at end of input. */
  private static LatencyMeasurement latency(String engine, long... millis) {
    org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
    for (long ms : millis) {
      h.recordValue(ms * 1000);
    }
    return new LatencyMeasurement(
        engine,
        Query.Q5,
        2,
        100_000,
        200_000,
        new LatencyResult(h, millis.length, 1, 0, 0, 99_000),
        4,
        1,
        new QueryResult(millis.length + 1, 7));
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
    assertThat(table.get(0)).contains("| heap after GC MB (spry / flink / loop) |");
    assertThat(table.get(2)).contains("| 10 / 10 / - |");
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
              engine.equals("loop") ? -1 : 10L << 20, // the loop's runs had no collection
              0,
              0,
              new QueryResult(1, 1)));
    }
    runs.put(Engine.Kind.parse(engine), ms);
  }
}
