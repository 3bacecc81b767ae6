package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run of one query on one engine.
 *
 * @param engine spry, flink or loop
 * @param query the query
 * @param events the events of the measured run
 * @param parallelism the parallelism asked for (the loop always uses one thread)
 * @param nanos the wall-clock time of the run
 * @param cpuNanos the CPU time of the whole process during the run, all threads
 * @param peakHeapBytes the sum of the peak usage of the heap memory pools during the run
 * @param heapAfterGcBytes the largest heap in use right after a collection during the run, or -1
 *     when no collection was reported
 * @param gcMillis the time the garbage collectors report for the run
 * @param gcCount the collections during the run
 * @param result what the query produced
 */
public record Measurement(
    String engine,
    Query query,
    long events,
    int parallelism,
    long nanos,
    long cpuNanos,
    long peakHeapBytes,
    long heapAfterGcBytes,
    long gcMillis,
    long gcCount,
    QueryResult result) {

  /** The prefix of the line a benchmark JVM prints for the runner to read. */
  public static final String WIRE_PREFIX = "NEXMARK-MEASUREMENT ";

  public double eventsPerSecond() {
    return events / (nanos / 1e9);
  }

  /** CPU seconds of the process per million events. */
  public double cpuSecondsPerMillionEvents() {
    return cpuNanos / 1e9 / (events / 1e6);
  }

  /** The one line {@code spry bench nexmark} prints for a run. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%s engine=%s events=%d parallelism=%d: %s events/s, %.3f cpu-s/M events, peak heap %d MB,"
            + " after GC %s, gc %d ms (%d), %.2f s, rows=%d checksum=%016x",
        query.name().toLowerCase(Locale.ROOT),
        engine,
        events,
        parallelism,
        rate(eventsPerSecond()),
        cpuSecondsPerMillionEvents(),
        Math.round(peakHeapBytes / 1048576.0),
        heapAfterGcBytes < 0 ? "-" : Math.round(heapAfterGcBytes / 1048576.0) + " MB",
        gcMillis,
        gcCount,
        nanos / 1e9,
        result.rows(),
        result.checksum());
  }

  /** A rate in events/s, readable: {@code 2.31M}, {@code 812.4k}. */
  public static String rate(double eventsPerSecond) {
    if (eventsPerSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", eventsPerSecond / 1e6);
    }
    return String.format(Locale.ROOT, "%.1fk", eventsPerSecond / 1e3);
  }

  /** The line for the runner: {@link #WIRE_PREFIX} and {@code key=value} pairs. */
  public String wire() {
    return WIRE_PREFIX
        + String.join(
            " ",
            "engine=" + engine,
            "query=" + query.name(),
            "events=" + events,
            "parallelism=" + parallelism,
            "nanos=" + nanos,
            "cpuNanos=" + cpuNanos,
            "peakHeapBytes=" + peakHeapBytes,
            "heapAfterGcBytes=" + heapAfterGcBytes,
            "gcMillis=" + gcMillis,
            "gcCount=" + gcCount,
            "rows=" + result.rows(),
            "checksum=" + result.checksum());
  }

  /** Reads a {@link #wire()} line. */
  public static Measurement parse(String line) {
    if (!line.startsWith(WIRE_PREFIX)) {
      throw new IllegalArgumentException("Not a measurement: " + line);
    }
    Map<String, String> f = new HashMap<>();
    for (String pair : line.substring(WIRE_PREFIX.length()).trim().split(" ")) {
      int eq = pair.indexOf('=');
      f.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return new Measurement(
        f.get("engine"),
        Query.parse(f.get("query")),
        Long.parseLong(f.get("events")),
        Integer.parseInt(f.get("parallelism")),
        Long.parseLong(f.get("nanos")),
        Long.parseLong(f.get("cpuNanos")),
        Long.parseLong(f.get("peakHeapBytes")),
        Long.parseLong(f.getOrDefault("heapAfterGcBytes", "-1")),
        Long.parseLong(f.get("gcMillis")),
        Long.parseLong(f.get("gcCount")),
        new QueryResult(Long.parseLong(f.get("rows")), Long.parseLong(f.get("checksum"))));
  }
}
