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
            "--warmup-seconds", // warm-up runs of 20,000 events, repeated for 0.1 s
            "0.1",
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
  void aNegativeWarmUpTimeIsAUsageError() {
    CliRun r = CliRun.of("bench", "nexmark", "--warmup-seconds", "-1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--warmup-seconds must be at least 0, was -1");
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    CliRun r = CliRun.of("bench", "nexmark", "--engine", "storm");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("storm").contains("spry, flink or loop");
  }

  /** The profile part of a run's output: its lines after the measurement. */
  private static java.util.List<String> profileLines(CliRun r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines.size()).as(r.out()).isGreaterThan(3);
    return lines.subList(1, lines.size());
  }

  @Test
  void aProfiledRunRecordsTheMeasuredRunAndPrintsItsHottestMethods(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String[] run = {
      "bench",
      "nexmark",
      "--query",
      "q1",
      "--events",
      "600000",
      "--warmup",
      "0",
      "--in-process",
      "--profile",
      dir.resolve("profiles").toString()
    };
    CliRun first = CliRun.of(run);
    assertThat(first.out().lines().findFirst().orElseThrow()).startsWith("q1 engine=spry events=");
    java.util.List<String> profile = profileLines(first);
    java.nio.file.Path file = dir.resolve("profiles").resolve("q1-spry.jfr");
    assertThat(file).isRegularFile();
    assertThat(profile.get(0)).startsWith("profile: " + file + ": ").contains(" samples of ");
    assertThat(profile).contains("  self:");
    assertThat(profile).anyMatch(l -> l.startsWith("  total (leaving out the "));
    // the samples are of the job: Spry's runtime or the generator it reads, with shares
    assertThat(profile).anyMatch(l -> l.matches(" +\\d+\\.\\d% +io\\.spry\\..+"));
    assertThat(System.getProperty("nexmark.profile")).isNull(); // put back after the run

    CliRun second = CliRun.of(run); // a second run keeps the first one's recording
    assertThat(profileLines(second).get(0))
        .startsWith("profile: " + dir.resolve("profiles").resolve("q1-spry-2.jfr"));
    assertThat(file).isRegularFile();
  }

  @Test
  void aProfiledRunInItsOwnJvmRecordsThere(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun r =
        CliRun.of(
            "bench",
            "nexmark",
            "--engine",
            "loop",
            "--query",
            "q0",
            "--events",
            "1000000",
            "--warmup",
            "0",
            "--profile",
            dir.toString());
    java.util.List<String> profile = profileLines(r);
    assertThat(dir.resolve("q0-loop.jfr")).isRegularFile();
    assertThat(profile).anyMatch(l -> l.contains("io.spry.nexmark."));
  }

  @Test
  void profilingIsForSingleRuns() {
    CliRun r = CliRun.of("bench", "nexmark", "--compare", "--profile", "p");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--profile is for single runs");
    CliRun latency = CliRun.of("bench", "nexmark", "--compare", "--rate", "1000", "--profile", "p");
    assertThat(latency.exitCode()).isEqualTo(2);
    assertThat(latency.err()).contains("--profile is for single runs");
  }
}
