package io.spry.nexmark.bench;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
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
    return summaries;
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
