package io.spry.benchmarks;

import io.spry.api.time.Clock;
import io.spry.api.types.Types;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.operator.timer.VoidNamespace;
import io.spry.runtime.state.KeyGroups;
import io.spry.state.rocksdb.RocksDBKeyedStateBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Re-registering a registered timer on the RocksDB backend with timers in the database, as a window
 * does for every record of a key: set the key, register the timer of that key that is already
 * there. One operation is one record. The keys are made once (no boxing in the loop), so {@code
 * gc.alloc.rate.norm} with {@code -prof gc} is what the timer store allocates per record: its
 * re-registration memo should answer without allocating. The memo is direct-mapped (4,096 slots):
 * with 32 keys no two rows share a slot, with 256 a few do and then miss it every time (a miss
 * copies the row, 40 bytes here), as in a job.
 *
 * <pre>
 * java -jar spry-benchmarks/target/benchmarks.jar TimerRegistrationBenchmark -f 1 -wi 3 -i 5 \
 *     -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerRegistrationBenchmark {
  /** Distinct keys, each with one registered timer. */
  @Param({"32", "256"})
  public int keys;

  private static final long TIME = 60_000;

  private Path dir;
  private RocksDBKeyedStateBackend backend;
  private TimerService<VoidNamespace> timers;
  private Long[] keyObjects;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("spry-timer-bench");
    backend =
        new RocksDBKeyedStateBackend(
            KeyGroups.rangeForOperator(128, 1, 0), 128, Clock.system(), Types.LONG, dir);
    timers =
        TimerService.withoutNamespace(
            backend,
            "timers",
            new TimerService.Triggerable<>() {
              @Override
              public void onEventTime(Timer<Object, VoidNamespace> timer) {}

              @Override
              public void onProcessingTime(Timer<Object, VoidNamespace> timer) {}
            });
    keyObjects = new Long[keys];
    for (int k = 0; k < keys; k++) {
      keyObjects[k] = 1_000_000L + k; // outside Long's cache, as most keys are
      backend.setCurrentKey(keyObjects[k]);
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, TIME);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    int registered = timers.numEventTimeTimers();
    backend.close(); // deletes its working directory
    Files.deleteIfExists(dir);
    if (registered != keys) {
      throw new IllegalStateException(registered + " timers registered, expected " + keys);
    }
  }

  @Benchmark
  public void reregister() {
    int k = next;
    next = k + 1 == keys ? 0 : k + 1;
    backend.setCurrentKey(keyObjects[k]);
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, TIME);
  }
}
