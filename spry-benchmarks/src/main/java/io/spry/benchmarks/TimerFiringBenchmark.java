package io.spry.benchmarks;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.operator.timer.VoidNamespace;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Firing event-time timers on the heap backend, each of which reads its key's value state, as a
 * process function's {@code onTimer} does (q4's and q6's auctions closing). Every key has one
 * timer, at a random time, so keys fire in an order unrelated to how their rows lie in memory. An
 * invocation registers a timer for each of the next 1,000 keys, then advances the watermark past
 * them; one operation is one timer (registered and fired). With many keys a key comes round again
 * only after all the others, as an auction's expiry comes long after its bids, so its state has
 * left the caches by then. {@link #noPrefetch} is the same with prefetching turned off ({@code
 * -Dspry.state.prefetch=false}), in its own fork, so one run shows what prefetching the keys of a
 * run of due timers ({@code TimerService}) gains or costs at each state size.
 *
 * <pre>
 * java -jar spry-benchmarks/target/benchmarks.jar TimerFiringBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerFiringBenchmark {
  /** Distinct keys, each with a value and one timer per invocation. */
  @Param({"1000", "10000", "100000", "1000000"})
  public int keys;

  private HeapKeyedStateBackend backend;
  private ValueState<long[]> values;
  private TimerService<VoidNamespace> timers;
  private Long[] keyObjects;
  private long[] times;
  private long sum;
  private long base;
  private int next;

  /** Timers fired per invocation: a slice of the keys, the next one each time. */
  private static final int TIMERS = 1000;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    backend = new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);
    values = backend.getOrCreateState(new ValueStateDescriptor<>("values", long[].class));
    timers =
        TimerService.withoutNamespace(
            backend,
            "timers",
            new TimerService.Triggerable<>() {
              @Override
              public void onEventTime(Timer<Object, VoidNamespace> timer) throws Exception {
                sum += values.value()[0];
              }

              @Override
              public void onProcessingTime(Timer<Object, VoidNamespace> timer) {}
            });
    Random random = new Random(42);
    keyObjects = new Long[keys];
    times = new long[keys];
    for (int k = 0; k < keys; k++) {
      keyObjects[k] = random.nextLong();
      times[k] = random.nextInt(TIMERS);
      backend.setCurrentKey(keyObjects[k]);
      values.update(new long[] {k});
    }
  }

  /** Registers a timer for each of the next {@link #TIMERS} keys, then fires them all. */
  private long fire() throws Exception {
    long b = base;
    base = b + TIMERS;
    int from = next;
    next = from + TIMERS >= keys ? 0 : from + TIMERS;
    long expected = 0;
    for (int k = from; k < from + TIMERS; k++) {
      backend.setCurrentKey(keyObjects[k]);
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, b + times[k]);
      expected += k;
    }
    long before = sum;
    timers.advanceWatermark(b + TIMERS);
    if (sum - before != expected || timers.numEventTimeTimers() != 0) {
      throw new IllegalStateException("fired a sum of " + (sum - before) + ", not " + expected);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(TIMERS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
  public long prefetch() throws Exception {
    return fire();
  }

  @Benchmark
  @OperationsPerInvocation(TIMERS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dspry.state.prefetch=false"})
  public long noPrefetch() throws Exception {
    return fire();
  }
}
