package io.spry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NexmarkCommandTest {
  @Test
  void oneRunPrintsOneLine() {
    CliRun r =
        CliRun.of(
            "bench",
            "nexmark",
            "--engine",
            "loop",
            "--query",
            "q2",
            "--events",
            "20000",
            "--in-process");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().toList())
        .singleElement()
        .asString()
        .startsWith("q2 engine=loop events=20000 parallelism=2: ")
        .contains("events/s")
        .contains("cpu-s/M events")
        .contains("peak heap")
        .contains("gc ");
  }

  @Test
  void aLatencyRunPrintsPercentiles() {
    CliRun r =
        CliRun.of(
            "bench",
            "nexmark",
            "--query",
            "q1",
            "--rate",
            "20000",
            "--duration",
            "0.2",
            "--warmup",
            "0",
            "--in-process");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().toList())
        .singleElement()
        .asString()
        .startsWith("q1 engine=spry parallelism=2 rate=20.0k events/s for 0.2 s: p50 ")
        .contains(", p99 ")
        .contains(", p99.9 ")
        .contains(", max ")
        .contains(" results (0 more at end of input), achieved ");
  }

  @Test
  void theLatencyModeRefusesTheLoopAndAnEventCount() {
    CliRun loop = CliRun.of("bench", "nexmark", "--engine", "loop", "--rate", "1000");
    assertThat(loop.exitCode()).isEqualTo(2);
    assertThat(loop.err()).contains("loop has no latency mode");
    CliRun events = CliRun.of("bench", "nexmark", "--rate", "1000", "--events", "5000");
    assertThat(events.exitCode()).isEqualTo(2);
    assertThat(events.err()).contains("--events").contains("--duration");
    CliRun rate = CliRun.of("bench", "nexmark", "--rate", "fast");
    assertThat(rate.exitCode()).isEqualTo(2);
    assertThat(rate.err()).contains("'fast'").contains("half");
    CliRun duration = CliRun.of("bench", "nexmark", "--duration", "5");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--rate");
  }

  @Test
  void watermarkAlignmentGivesTheSameResults() {
    String free = checksum(CliRun.of(q8Run()));
    String aligned = checksum(CliRun.of(q8Run("--watermark-alignment", "50")));
    assertThat(aligned).isEqualTo(free).contains("rows=");
    assertThat(System.getProperty("nexmark.alignment")).isNull(); // put back after the run
    CliRun zero = CliRun.of(q8Run("--watermark-alignment", "0"));
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--watermark-alignment must be at least 1 ms");
    CliRun latency =
        CliRun.of("bench", "nexmark", "--rate", "1000", "--watermark-alignment", "100");
    assertThat(latency.exitCode()).isEqualTo(2);
    assertThat(latency.err()).contains("throughput runs");
  }

  private static String[] q8Run(String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "bench",
                "nexmark",
                "--engine",
                "spry",
                "--query",
                "q8",
                "--events",
                "200000",
                "--warmup",
                "0",
                "--in-process"));
    args.addAll(java.util.List.of(more));
    return args.toArray(new String[0]);
  }

  private static String checksum(CliRun r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    String line = r.out().strip();
    return line.substring(line.indexOf("rows="));
  }

  @Test
  void anUnknownQueryIsAUsageError() {
    CliRun r = CliRun.of("bench", "nexmark", "--query", "q42");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("q42").contains("all");
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    CliRun r = CliRun.of("bench", "nexmark", "--engine", "storm");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("storm").contains("spry, flink or loop");
  }
}
