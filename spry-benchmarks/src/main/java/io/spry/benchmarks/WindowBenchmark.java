package io.spry.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second through one keyed window operator with an incremental count-and-sum: a 10 s
 * tumbling window against a 10 s window sliding by 100 ms (100 windows per record), sliced (as
 * {@code WindowOperators.create} chooses) and on the general operator. One operation is one record;
 * the firings and watermarks among the records are part of its cost. See {@link WindowDriver} for
 * the input. At the end of each trial the driver prints its window state entries and timers per
 * key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WindowBenchmark {
  static final int BATCH = 1000;

  @Param({"TUMBLING", "TUMBLING_GENERAL", "SLIDING", "SLIDING_GENERAL"})
  public WindowDriver.Mode mode;

  /** Distinct keys. */
  @Param({"1000"})
  public int keys;

  /** Records per millisecond of event time (100: about 10 records per key per 100 ms slide). */
  @Param({"100"})
  public long eventsPerMs;

  private WindowDriver driver;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    driver = new WindowDriver(mode, keys, eventsPerMs, 42);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println();
    System.out.println("# " + driver);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long records() throws Exception {
    driver.run(BATCH);
    return driver.results();
  }
}
