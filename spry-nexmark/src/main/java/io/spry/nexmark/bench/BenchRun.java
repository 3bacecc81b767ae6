package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures query runs in this JVM: an optional warm-up run of the same query on the same engine
 * (same code paths, so the JIT has compiled them), a full GC, then the measured run with process
 * CPU time, heap pool peaks and GC time read from the platform MXBeans before and after.
 */
public final class BenchRun {
  private BenchRun() {}

  /** The generator configuration of a benchmark run: the standard one with {@code events}. */
  public static GeneratorConfig config(long events) {
    return GeneratorConfig.DEFAULT.withNumEvents(events);
  }

  /**
   * Warms up with {@code warmupEvents} (none if 0), then measures a run of {@code events}; {@code
   * engine} is closed at the end.
   */
  public static Measurement measure(
      Engine.Kind kind, Query query, long events, int parallelism, long warmupEvents)
      throws Exception {
    try (Engine engine = kind.create()) {
      if (warmupEvents > 0) {
        engine.run(query, config(warmupEvents), parallelism);
      }
      return measure(kind.id(), engine, query, events, parallelism);
    }
  }

  /** Measures one run of {@code events} on {@code engine}. */
  public static Measurement measure(
      String engineName, Engine engine, Query query, long events, int parallelism)
      throws Exception {
    GeneratorConfig config = config(events);
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long gcMillis0 = gcMillis();
    long gcCount0 = gcCount();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    QueryResult result = engine.run(query, config, parallelism);
    long nanos = System.nanoTime() - t0;
    long cpu = processCpuNanos() - cpu0;
    long gcMs = gcMillis() - gcMillis0;
    long gcN = gcCount() - gcCount0;
    long peak = 0;
    for (MemoryPoolMXBean pool : heap) {
      peak += pool.getPeakUsage().getUsed();
    }
    return new Measurement(
        engineName, query, events, parallelism, nanos, cpu, peak, gcMs, gcN, result);
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
