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
