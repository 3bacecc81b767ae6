package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.latency.LatencyResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run of the latency mode: one query on one engine at a fixed input rate.
 *
 * @param engine spry or flink
 * @param query the query
 * @param parallelism the parallelism
 * @param rate the target input rate, events per second
 * @param events the events of the run (its length is {@code events / rate} seconds)
 * @param latency the latencies of the result rows and the achieved rate
 * @param gcMillis the time the garbage collectors report for the run
 * @param gcCount the collections during the run
 * @param result what the query produced
 */
public record LatencyMeasurement(
    String engine,
    Query query,
    int parallelism,
    long rate,
    long events,
    LatencyResult latency,
    long gcMillis,
    long gcCount,
    QueryResult result) {

  /** The prefix of the line a benchmark JVM prints for the runner to read. */
  public static final String WIRE_PREFIX = "NEXMARK-LATENCY ";

  /** The length of the run's schedule, in seconds. */
  public double seconds() {
    return events / (double) rate;
  }

  /** The one line {@code spry bench nexmark --rate} prints for a run. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "%s engine=%s parallelism=%d rate=%s events/s for %.1f s: %s, achieved %s events/s,"
            + " gc %d ms (%d), rows=%d checksum=%016x",
        query.name().toLowerCase(Locale.ROOT),
        engine,
        parallelism,
        Measurement.rate(rate),
        seconds(),
        latencies(latency),
        Measurement.rate(latency.achievedRate()),
        gcMillis,
        gcCount,
        result.rows(),
        result.checksum());
  }

  /**
   * {@code p50 1.23 ms, p99 4.56 ms, p99.9 7.89 ms, max 8.00 ms over 13 results (2 more at end of
   * input)}, or that none were measured.
   */
  static String latencies(LatencyResult l) {
    StringBuilder s = new StringBuilder();
    if (l.measured() == 0) {
      s.append("no results measured");
    } else {
      s.append(l.percentiles()).append(" over ").append(l.measured()).append(" results");
    }
    s.append(" (").append(l.atEnd()).append(" more at end of input)");
    if (l.negative() > 0) {
      s.append(", ").append(l.negative()).append(" NEGATIVE LATENCIES (clocks disagree)");
    }
    return s.toString();
  }

  /** The line for the runner: {@link #WIRE_PREFIX} and {@code key=value} pairs. */
  public String wire() {
    return WIRE_PREFIX
        + String.join(
            " ",
            "engine=" + engine,
            "query=" + query.name(),
            "parallelism=" + parallelism,
            "rate=" + rate,
            "events=" + events,
            "measured=" + latency.measured(),
            "atEnd=" + latency.atEnd(),
            "negative=" + latency.negative(),
            "triggerSum=" + latency.triggerSum(),
            "achievedRate=" + latency.achievedRate(),
            "histogram=" + latency.encodedHistogram(),
            "gcMillis=" + gcMillis,
            "gcCount=" + gcCount,
            "rows=" + result.rows(),
            "checksum=" + result.checksum());
  }

  /** Reads a {@link #wire()} line. */
  public static LatencyMeasurement parse(String line) {
    if (!line.startsWith(WIRE_PREFIX)) {
      throw new IllegalArgumentException("Not a latency measurement: " + line);
    }
    Map<String, String> f = new HashMap<>();
    for (String pair : line.substring(WIRE_PREFIX.length()).trim().split(" ")) {
      int eq = pair.indexOf('=');
      f.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    LatencyResult latency =
        new LatencyResult(
            LatencyResult.decodeHistogram(f.get("histogram")),
            Long.parseLong(f.get("measured")),
            Long.parseLong(f.get("atEnd")),
            Long.parseLong(f.get("negative")),
            Long.parseLong(f.get("triggerSum")),
            Double.parseDouble(f.get("achievedRate")));
    return new LatencyMeasurement(
        f.get("engine"),
        Query.parse(f.get("query")),
        Integer.parseInt(f.get("parallelism")),
        Long.parseLong(f.get("rate")),
        Long.parseLong(f.get("events")),
        latency,
        Long.parseLong(f.get("gcMillis")),
        Long.parseLong(f.get("gcCount")),
        new QueryResult(Long.parseLong(f.get("rows")), Long.parseLong(f.get("checksum"))));
  }
}
