package io.spry.nexmark.latency;

import io.spry.nexmark.Query;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.loops.Loops;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.NewUser;
import io.spry.nexmark.queries.Queries;
import java.time.Duration;
import java.util.List;

/**
 * What a latency run must count, computed without an engine: from the plain loop's result rows and
 * the definitions of {@link LatencyRun}, for tests of the latency plumbing of every engine.
 *
 * <p>A row emitted while its input event is processed (q0 to q3) is always measured. For rows that
 * show their window (q5, q7, q8) or their input event (q0, q1), the trigger time comes from the
 * row: {@code window end + bound}, or the bid's time. q4 and q6 rows carry neither, so only their
 * total is known.
 *
 * @param rows the result rows
 * @param measured the rows a run measures; -1 when the rows do not tell (q4, q6)
 * @param triggerSum the sum of the measured rows' trigger times; -1 when the rows do not tell (q2,
 *     q3, q4, q6)
 */
public record ExpectedLatencies(long rows, long measured, long triggerSum) {

  /** The expectations for {@code query} over {@code config}, with watermarks {@code bound} late. */
  public static ExpectedLatencies of(Query query, GeneratorConfig config, Duration bound) {
    long rowCount = Loops.run(query, config).rows();
    switch (query) {
      case Q2, Q3 -> {
        return new ExpectedLatencies(rowCount, rowCount, -1);
      }
      case Q4, Q6 -> {
        return new ExpectedLatencies(rowCount, -1, -1);
      }
      default -> {}
    }
    List<Object> rows = Loops.collect(query, config);
    long boundMillis = bound.toMillis();
    long window = Queries.WINDOW.toMillis();
    long last = LatencyRun.lastEventTime(config);
    long measured = 0;
    long triggerSum = 0;
    for (Object row : rows) {
      long trigger =
          switch (query) {
            case Q0, Q1 -> ((Bid) row).dateTime();
            case Q5 -> ((HotItem) row).windowEnd() + boundMillis;
            case Q7 ->
                Math.floorDiv(((Bid) row).dateTime(), window) * window + window + boundMillis;
            case Q8 -> ((NewUser) row).windowStart() + window + boundMillis;
            default -> throw new IllegalStateException(String.valueOf(query));
          };
      if (trigger <= last) {
        measured++;
        triggerSum += trigger;
      }
    }
    return new ExpectedLatencies(rowCount, measured, triggerSum);
  }
}
