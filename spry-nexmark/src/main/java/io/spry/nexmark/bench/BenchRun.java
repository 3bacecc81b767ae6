package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyResult;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.source.NexmarkSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures query runs in this JVM: an optional warm-up run of the same query on the same engine
 * (same code paths, so the JIT has compiled them), a full GC, then the measured run with process
 * CPU time, heap pool peaks and GC time read from the platform MXBeans before and after, and the
 * largest heap after a collection from the collectors' notifications ({@link HeapAfterGc}); with
 * {@link Profiler#PROPERTY} set, a flight recording of the measured run only.
 *
 * <p>In the latency mode ({@link #measureLatency}) the warm-up run is unpaced, over events with the
 * latency run's event-time rate; the measured run is paced and starts {@value #START_LEAD_MILLIS}
 * ms after it is set up, so the job is running when its first events are due.
 */
public final class BenchRun {
  /** The time from setting up a latency run to its first scheduled events. */
  static final long START_LEAD_MILLIS = 1000;

  /**
   * The warm-up's time floor in seconds (unset: 0): the warm-up run is repeated until this much
   * time has passed. One run of a million events leaves the JIT still compiling: on 2026-11-23 a q4
   * measured after 1 M events of warm-up ran at 1.63-1.65 M events/s on Spry, after 6 M at
   * 1.78-2.13 M, and Flink's q4 went from about 400 k to 800 k. {@code spry bench nexmark} sets it
   * ({@code --warmup-seconds}).
   */
  public static final String WARMUP_SECONDS_PROPERTY = "nexmark.warmupSeconds";

  private BenchRun() {}

  /** The generator configuration of a benchmark run: the standard one with {@code events}. */
  public static GeneratorConfig config(long events) {
    return GeneratorConfig.DEFAULT.withNumEvents(events);
  }

  /**
   * The generator configuration of a latency run: the standard one, {@code rate} events per second
   * of event time, from {@code baseTime} (epoch ms on the {@link WallClock}), {@code events}
   * events.
   */
  public static GeneratorConfig latencyConfig(long rate, long events, long baseTime) {
    return GeneratorConfig.DEFAULT
        .withFirstEventRate(rate)
        .withNumEvents(events)
        .withBaseTime(baseTime);
  }

  /**
   * The events of a latency run of {@code seconds} at {@code rate}: rounded up to a multiple of the
   * standard configuration's generator blocks, so every source ends at the same timestamp.
   */
  public static long latencyEvents(long rate, double seconds) {
    long blocks = GeneratorConfig.DEFAULT.numEventGenerators();
    long events = (long) Math.ceil(rate * seconds);
    return Math.max(blocks, (events + blocks - 1) / blocks * blocks);
  }

  /**
   * Warms up with {@code warmupEvents} unpaced events (none if 0), then measures a latency run of
   * {@code events} at {@code rate}; {@code engine} is closed at the end.
   */
  public static LatencyMeasurement measureLatency(
      Engine.Kind kind, Query query, long rate, long events, int parallelism, long warmupEvents)
      throws Exception {
    try (Engine engine = kind.create()) {
      GeneratorConfig warmupConfig =
          latencyConfig(rate, warmupEvents, GeneratorConfig.DEFAULT_BASE_TIME);
      warmUp(() -> engine.run(query, warmupConfig, parallelism), warmupEvents);
      return measureLatency(kind.id(), engine, query, rate, events, parallelism);
    }
  }

  /** Measures one latency run of {@code events} at {@code rate} on {@code engine}. */
  public static LatencyMeasurement measureLatency(
      String engineName, Engine engine, Query query, long rate, long events, int parallelism)
      throws Exception {
    if (rate < 1) {
      throw new IllegalArgumentException("The rate must be at least 1 event/s, not " + rate);
    }
    Profiler.Session profile = Profiler.start();
    System.gc();
    long baseTime = WallClock.epochMillis() + START_LEAD_MILLIS;
    GeneratorConfig config = latencyConfig(rate, events, baseTime);
    try (LatencyRun run = LatencyRun.open(query, config, NexmarkSource.OUT_OF_ORDERNESS)) {
      long gcMillis0 = gcMillis();
      long gcCount0 = gcCount();
      QueryResult result;
      try {
        result = engine.runLatency(run, parallelism);
      } catch (Exception | Error e) {
        profile.stopAfter(e);
        throw e;
      }
      long gcMs = gcMillis() - gcMillis0;
      long gcN = gcCount() - gcCount0;
      profile.stop();
      LatencyResult latency = run.result();
      return new LatencyMeasurement(
          engineName, query, parallelism, rate, events, latency, gcMs, gcN, result);
    }
  }

  /**
   * Warms up with {@code warmupEvents} (none if 0), then measures a run of {@code events}; {@code
   * engine} is closed at the end.
   */
  public static Measurement measure(
      Engine.Kind kind, Query query, long events, int parallelism, long warmupEvents)
      throws Exception {
    try (Engine engine = kind.create()) {
      warmUp(() -> engine.run(query, config(warmupEvents), parallelism), warmupEvents);
      return measure(kind.id(), engine, query, events, parallelism);
    }
  }

  /** A warm-up run. */
  @FunctionalInterface
  interface WarmupRun {
    void run() throws Exception;
  }

  /**
   * Runs {@code run} (of {@code warmupEvents}; nothing if 0) once, then again until the time floor
   * of {@value #WARMUP_SECONDS_PROPERTY} has passed since the first began.
   */
  static void warmUp(WarmupRun run, long warmupEvents) throws Exception {
    if (warmupEvents <= 0) {
      return;
    }
    double seconds = Double.parseDouble(System.getProperty(WARMUP_SECONDS_PROPERTY, "0"));
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    do {
      run.run();
    } while (System.nanoTime() - deadline < 0);
  }

  /** Measures one run of {@code events} on {@code engine}. */
  public static Measurement measure(
      String engineName, Engine engine, Query query, long events, int parallelism)
      throws Exception {
    GeneratorConfig config = config(events);
    Profiler.Session profile = Profiler.start();
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long gcMillis0 = gcMillis();
    long gcCount0 = gcCount();
    HeapAfterGc afterGc = HeapAfterGc.start();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    QueryResult result;
    try {
      result = engine.run(query, config, parallelism);
    } catch (Exception | Error e) {
      afterGc.stop();
      profile.stopAfter(e);
      throw e;
    }
    long nanos = System.nanoTime() - t0;
    long cpu = processCpuNanos() - cpu0;
    long gcMs = gcMillis() - gcMillis0;
    long gcN = gcCount() - gcCount0;
    long heapAfterGc = afterGc.stop();
    long peak = 0;
    for (MemoryPoolMXBean pool : heap) {
      peak += pool.getPeakUsage().getUsed();
    }
    profile.stop(); // after every reading: writing the recording allocates
    return new Measurement(
        engineName, query, events, parallelism, nanos, cpu, peak, heapAfterGc, gcMs, gcN, result);
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    // Fallback: the threads alive now (misses threads that ended during the run).
    var threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private static long gcCount() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionCount());
    }
    return sum;
  }
}
