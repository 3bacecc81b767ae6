package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.latency.LatencyResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the engines alternately, each measurement in a JVM of its own, for several rounds, and
 * summarizes each query by the median rate of each engine. Round {@code r} runs every query, and
 * for each query the engines in an order rotated by {@code r}, so no engine always runs first.
 */
public final class Compare {
  private final BenchJvm jvm;
  private final Consumer<String> out;

  public Compare(BenchJvm jvm, Consumer<String> out) {
    this.jvm = jvm;
    this.out = out;
  }

  /** Measures and prints a line per run, then a summary line per query; returns the summaries. */
  public List<String> run(
      List<Query> queries,
      List<Engine.Kind> engines,
      long events,
      int parallelism,
      long warmupEvents,
      int rounds)
      throws Exception {
    return run(queries, engines, events, parallelism, warmupEvents, rounds, false);
  }

  /** As above; with {@code markdown}, ends with the medians as a Markdown table. */
  public List<String> run(
      List<Query> queries,
      List<Engine.Kind> engines,
      long events,
      int parallelism,
      long warmupEvents,
      int rounds,
      boolean markdown)
      throws Exception {
    Map<Query, Map<Engine.Kind, List<Measurement>>> all = new LinkedHashMap<>();
    for (Query q : queries) {
      all.put(q, new EnumMap<>(Engine.Kind.class));
    }
    for (int round = 0; round < rounds; round++) {
      for (Query q : queries) {
        for (int i = 0; i < engines.size(); i++) {
          Engine.Kind engine = engines.get((i + round) % engines.size());
          Measurement m = jvm.measure(engine, q, events, parallelism, warmupEvents);
          out.accept("round " + (round + 1) + "/" + rounds + ": " + m.line());
          all.get(q).computeIfAbsent(engine, e -> new ArrayList<>()).add(m);
        }
      }
    }
    List<String> summaries = new ArrayList<>();
    for (Map.Entry<Query, Map<Engine.Kind, List<Measurement>>> e : all.entrySet()) {
      String summary = summary(e.getKey(), e.getValue(), parallelism);
      out.accept(summary);
      summaries.add(summary);
    }
    if (markdown) {
      markdownTable(all, parallelism).forEach(out);
    }
    return summaries;
  }

  /**
   * The latency mode: runs every query at its rate ({@code rates}) for {@code seconds} on each
   * engine, alternately, for {@code rounds} rounds, and prints a line per run, then per query one
   * line with each engine's latencies over all its rounds (histograms merged); with {@code
   * markdown}, ends with the same as a Markdown table. Returns the summary lines.
   */
  public List<String> runLatency(
      List<Query> queries,
      List<Engine.Kind> engines,
      Map<Query, Long> rates,
      double seconds,
      int parallelism,
      long warmupEvents,
      int rounds,
      boolean markdown)
      throws Exception {
    Map<Query, Map<Engine.Kind, LatencyResult>> all = new LinkedHashMap<>();
    for (Query q : queries) {
      all.put(q, new EnumMap<>(Engine.Kind.class));
    }
    for (int round = 0; round < rounds; round++) {
      for (Query q : queries) {
        long rate = rates.get(q);
        long events = BenchRun.latencyEvents(rate, seconds);
        for (int i = 0; i < engines.size(); i++) {
          Engine.Kind engine = engines.get((i + round) % engines.size());
          LatencyMeasurement m =
              jvm.measureLatency(engine, q, rate, events, parallelism, warmupEvents);
          out.accept("round " + (round + 1) + "/" + rounds + ": " + m.line());
          all.get(q).merge(engine, m.latency(), LatencyResult::plus);
        }
      }
    }
    List<String> summaries = new ArrayList<>();
    for (Map.Entry<Query, Map<Engine.Kind, LatencyResult>> e : all.entrySet()) {
      String summary = latencySummary(e.getKey(), rates.get(e.getKey()), e.getValue());
      out.accept(summary);
      summaries.add(summary);
    }
    if (markdown) {
      latencyTable(all, rates).forEach(out);
    }
    return summaries;
  }

  /**
   * {@code q5 rate=350000 spry: p50 1.23 ms, ... over 26 results (4 more at end of input), achieved
   * 349.9k events/s; flink: ...}: each engine's rounds together; the achieved rate is the lowest.
   */
  static String latencySummary(Query query, long rate, Map<Engine.Kind, LatencyResult> runs) {
    StringBuilder line =
        new StringBuilder(query.name().toLowerCase(Locale.ROOT)).append(" rate=").append(rate);
    String sep = " ";
    for (Map.Entry<Engine.Kind, LatencyResult> e : runs.entrySet()) {
      line.append(sep)
          .append(e.getKey().id())
          .append(": ")
          .append(LatencyMeasurement.latencies(e.getValue()))
          .append(", achieved ")
          .append(Measurement.rate(e.getValue().achievedRate()))
          .append(" events/s");
      sep = "; ";
    }
    return line.toString();
  }

  /** The latencies as a Markdown table, a row per query and engine. */
  static List<String> latencyTable(
      Map<Query, Map<Engine.Kind, LatencyResult>> all, Map<Query, Long> rates) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| query | rate events/s | engine | p50 ms | p99 ms | p99.9 ms | max ms | results measured"
            + " | achieved events/s |");
    lines.add("|---|---:|---|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<Query, Map<Engine.Kind, LatencyResult>> e : all.entrySet()) {
      for (Map.Entry<Engine.Kind, LatencyResult> run : e.getValue().entrySet()) {
        LatencyResult l = run.getValue();
        boolean any = l.measured() > 0;
        lines.add(
            String.join(
                " | ",
                "| " + e.getKey().name().toLowerCase(Locale.ROOT),
                Measurement.rate(rates.get(e.getKey())),
                run.getKey().id(),
                any ? LatencyResult.millis(l.percentileMillis(50)) : "-",
                any ? LatencyResult.millis(l.percentileMillis(99)) : "-",
                any ? LatencyResult.millis(l.percentileMillis(99.9)) : "-",
                any ? LatencyResult.millis(l.maxMillis()) : "-",
                Long.toString(l.measured()),
                Measurement.rate(l.achievedRate()) + " |"));
      }
    }
    return lines;
  }

  /**
   * The medians as a Markdown table: events/s, CPU seconds per million events, peak heap and GC
   * time per engine, and the ratios of {@link #summary}.
   */
  static List<String> markdownTable(
      Map<Query, Map<Engine.Kind, List<Measurement>>> all, int parallelism) {
    List<Engine.Kind> kinds = new ArrayList<>();
    for (Map<Engine.Kind, List<Measurement>> runs : all.values()) {
      for (Engine.Kind k : runs.keySet()) {
        if (!kinds.contains(k)) {
          kinds.add(k);
        }
      }
    }
    kinds.sort(null);
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder("| query");
    StringBuilder rule = new StringBuilder("|---");
    for (Engine.Kind k : kinds) {
      head.append(" | ").append(k.id()).append(" events/s");
      rule.append("|---:");
    }
    head.append(" | spry/flink | spry/loop per core");
    rule.append("|---:|---:");
    for (String what : List.of("CPU s / M events", "peak heap MB", "heap after GC MB", "GC ms")) {
      head.append(" | ").append(what).append(" (");
      head.append(String.join(" / ", kinds.stream().map(Engine.Kind::id).toList())).append(')');
      rule.append("|---:");
    }
    lines.add(head.append(" |").toString());
    lines.add(rule.append("|").toString());
    for (Map.Entry<Query, Map<Engine.Kind, List<Measurement>>> e : all.entrySet()) {
      Map<Engine.Kind, List<Measurement>> runs = e.getValue();
      StringBuilder row =
          new StringBuilder("| ").append(e.getKey().name().toLowerCase(Locale.ROOT));
      for (Engine.Kind k : kinds) {
        row.append(" | ").append(Measurement.rate(med(runs, k, Measurement::eventsPerSecond)));
      }
      double spry = med(runs, Engine.Kind.SPRY, Measurement::eventsPerSecond);
      double flink = med(runs, Engine.Kind.FLINK, Measurement::eventsPerSecond);
      double loop = med(runs, Engine.Kind.LOOP, Measurement::eventsPerSecond);
      row.append(
          String.format(Locale.ROOT, " | %.2f | %.2f", spry / flink, spry / parallelism / loop));
      row.append(" | ")
          .append(cells(runs, kinds, m -> m.cpuSecondsPerMillionEvents(), "%.2f"))
          .append(" | ")
          .append(cells(runs, kinds, m -> m.peakHeapBytes() / (double) (1 << 20), "%.0f"))
          .append(" | ")
          .append(cells(runs, kinds, Compare::heapAfterGcMegabytes, "%.0f"))
          .append(" | ")
          .append(cells(runs, kinds, m -> (double) m.gcMillis(), "%.0f"));
      if (!sameResults(runs)) {
        row.append(" RESULTS DIFFER");
      }
      lines.add(row.append(" |").toString());
    }
    return lines;
  }

  /** The heap after GC in MB, or NaN (left out of medians) when the run had no collection. */
  private static double heapAfterGcMegabytes(Measurement m) {
    return m.heapAfterGcBytes() < 0 ? Double.NaN : m.heapAfterGcBytes() / (double) (1 << 20);
  }

  private static String cells(
      Map<Engine.Kind, List<Measurement>> runs,
      List<Engine.Kind> kinds,
      java.util.function.ToDoubleFunction<Measurement> f,
      String format) {
    List<String> cells = new ArrayList<>();
    for (Engine.Kind k : kinds) {
      double m = med(runs, k, f);
      cells.add(Double.isNaN(m) ? "-" : String.format(Locale.ROOT, format, m));
    }
    return String.join(" / ", cells);
  }

  private static double med(
      Map<Engine.Kind, List<Measurement>> runs,
      Engine.Kind kind,
      java.util.function.ToDoubleFunction<Measurement> f) {
    List<Measurement> ms = runs.get(kind);
    // NaN is a figure the run does not have (no collection, say): left out
    return ms == null
        ? Double.NaN
        : median(ms.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)));
  }

  /**
   * {@code q5 spry=<events/s> flink=<events/s> loop=<events/s> spry/flink=<ratio>
   * spry/loop=<ratio>}: medians; spry/loop per core (Spry's rate divided by the parallelism).
   */
  static String summary(Query query, Map<Engine.Kind, List<Measurement>> runs, int parallelism) {
    StringBuilder line = new StringBuilder(query.name().toLowerCase(Locale.ROOT));
    Map<Engine.Kind, Double> medians = new EnumMap<>(Engine.Kind.class);
    for (Map.Entry<Engine.Kind, List<Measurement>> e : runs.entrySet()) {
      double median = median(e.getValue().stream().mapToDouble(Measurement::eventsPerSecond));
      medians.put(e.getKey(), median);
      line.append(' ').append(e.getKey().id()).append('=').append(Math.round(median));
    }
    Double spry = medians.get(Engine.Kind.SPRY);
    Double flink = medians.get(Engine.Kind.FLINK);
    Double loop = medians.get(Engine.Kind.LOOP);
    if (spry != null && flink != null) {
      line.append(String.format(Locale.ROOT, " spry/flink=%.2f", spry / flink));
    }
    if (spry != null && loop != null) {
      line.append(String.format(Locale.ROOT, " spry/loop=%.2f", spry / parallelism / loop));
    }
    if (!sameResults(runs)) {
      line.append(" RESULTS DIFFER");
    }
    return line.toString();
  }

  private static boolean sameResults(Map<Engine.Kind, List<Measurement>> runs) {
    QueryResult first = null;
    for (List<Measurement> ms : runs.values()) {
      for (Measurement m : ms) {
        if (first == null) {
          first = m.result();
        } else if (!first.equals(m.result())) {
          return false;
        }
      }
    }
    return true;
  }

  static double median(java.util.stream.DoubleStream values) {
    double[] v = values.sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
