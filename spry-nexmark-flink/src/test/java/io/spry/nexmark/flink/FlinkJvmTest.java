package io.spry.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.Query;
import io.spry.nexmark.bench.BenchJvm;
import io.spry.nexmark.bench.BenchRun;
import io.spry.nexmark.bench.Engine;
import io.spry.nexmark.bench.Measurement;
import io.spry.nexmark.loops.Loops;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner starts a Flink JVM from the classpath file this module's build writes. */
class FlinkJvmTest {
  @Test
  void measuresFlinkInAJvmOfItsOwn() throws Exception {
    BenchJvm jvm = new BenchJvm(List.of("-Xmx512m"), Path.of("target", "flink-classpath.txt"));
    Measurement m = jvm.measure(Engine.Kind.FLINK, Query.Q5, 20_000, 2, 10_000);
    assertThat(m.engine()).isEqualTo("flink");
    assertThat(m.result()).isEqualTo(Loops.run(Query.Q5, BenchRun.config(20_000)));
    assertThat(m.cpuNanos()).isPositive();
  }
}
