package io.spry.nexmark;

import io.spry.nexmark.queries.CategoryAverage;
import java.util.Locale;

/** The Nexmark queries built here. */
public enum Query {
  Q0("pass-through"),
  Q1("currency conversion"),
  Q2("selection"),
  Q3("local item suggestion"),
  Q4("average price per category"),
  Q5("hot items"),
  Q6("average selling price by seller"),
  Q7("highest bid"),
  Q8("monitor new users");

  private final String title;

  Query(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** {@code "q5"}, {@code "Q5"} or {@code "5"}. */
  public static Query parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(n.startsWith("Q") ? n : "Q" + n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown Nexmark query '" + name + "': expected q0 .. q8", e);
    }
  }

  /**
   * The key of an output row of a query whose output is a stream of updates (q4: one running
   * average per category): its result is the last row of each key. {@code null} for queries whose
   * result is every row they emit.
   */
  public Object updateKey(Object row) {
    return this == Q4 ? ((CategoryAverage) row).category() : null;
  }

  /** True when the result is the last row per {@link #updateKey key}, not every row. */
  public boolean emitsUpdates() {
    return this == Q4;
  }

  /**
   * True when the query's rows are emitted by event time: by a window, or by an event-time timer,
   * when the watermark reaches the row's timestamp, or downstream of one (q4 to q8). False when
   * each row is emitted while the input event whose timestamp it carries is processed (q0 to q3).
   * The latency mode measures the two kinds from different instants (see {@code
   * io.spry.nexmark.latency.LatencyRun#triggerTime}).
   */
  public boolean emitsOnWatermark() {
    return switch (this) {
      case Q0, Q1, Q2, Q3 -> false;
      case Q4, Q5, Q6, Q7, Q8 -> true;
    };
  }
}
