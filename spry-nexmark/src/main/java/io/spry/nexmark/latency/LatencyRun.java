package io.spry.nexmark.latency;

import io.spry.nexmark.Query;
import io.spry.nexmark.generator.GeneratorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * One run of the latency mode: what it measures, and the latencies its result sinks recorded.
 *
 * <h2>The schedule</h2>
 *
 * The run's generator configuration has its base time on the {@link WallClock} and its event-time
 * rate equal to the input rate, so an event's timestamp is the instant it is due: the sources emit
 * no event before the wall clock reaches its timestamp, and then emit it as soon as they can. An
 * event's creation time is therefore its timestamp, fixed by the schedule, whether or not the
 * source kept up; a source that falls behind adds its delay to the latencies instead of hiding it
 * (no coordinated omission). Timestamps are whole milliseconds, so the events of one millisecond
 * are due together.
 *
 * <h2>What a latency is</h2>
 *
 * A result row reaches a sink with an event timestamp {@code ts}; its latency is the sink's wall
 * clock minus the row's {@link #triggerTime trigger time} {@code T}, the earliest instant at which
 * the row could have been computed:
 *
 * <ul>
 *   <li>Rows emitted while their input event is processed (q0 to q3, {@link
 *       Query#emitsOnWatermark()} false) carry that event's timestamp: {@code T = ts}, the creation
 *       time of the event that produced the row.
 *   <li>Rows emitted by event time (q4 to q8: windows, event-time timers and what follows them)
 *       fire when the watermark reaches {@code ts} (a window's results carry {@code end - 1}). The
 *       watermark is the largest timestamp read minus the out-of-orderness bound {@code B} minus 1
 *       ms, so it reaches {@code ts} once an event with timestamp {@code ts + B + 1} has been read,
 *       and no such event exists before the wall clock reaches {@code ts + B + 1}: {@code T = ts +
 *       B + 1}, the creation time of the first event that lets the watermark close the window (for
 *       a window {@code [start, end)}: {@code end + B}).
 * </ul>
 *
 * <p>Rows whose trigger time is after the last event's timestamp were caused by no event: the end
 * of input (the maximum watermark) fired them. They are counted ({@code atEnd}), not measured.
 *
 * <h2>Threads</h2>
 *
 * Runs are found by id in a registry of this JVM, since sources and sinks are copied to their
 * subtasks. Each sink subtask records into a {@link LatencyRecorder} of its own on its own thread
 * and {@linkplain LatencyRecorder#finish() adds} it here at the end of input; sources report the
 * end of their emission. Those two methods and {@link #result()} are synchronized.
 */
public final class LatencyRun implements AutoCloseable {
  private static final Map<String, LatencyRun> RUNS = new ConcurrentHashMap<>();

  private final String id;
  private final Query query;
  private final GeneratorConfig config;
  private final long boundMillis;
  private final long lastEventTime;

  private final Histogram latencies = LatencyResult.newHistogram();
  private long measured;
  private long atEnd;
  private long negative;
  private long triggerSum;
  private long sourceEndNanos = Long.MIN_VALUE;

  private LatencyRun(Query query, GeneratorConfig config, Duration outOfOrderness) {
    this.id = UUID.randomUUID().toString();
    this.query = Objects.requireNonNull(query, "query");
    this.config = Objects.requireNonNull(config, "config");
    this.boundMillis = outOfOrderness.toMillis();
    if (!config.isBounded() || config.numEvents() == 0) {
      throw new IllegalArgumentException(
          "A latency run needs a bounded, non-empty stream, not " + config.numEvents() + " events");
    }
    if (config.numEvents() % config.numEventGenerators() != 0) {
      throw new IllegalArgumentException(
          "A latency run needs a number of events that is a multiple of the "
              + config.numEventGenerators()
              + " generator blocks, so that every source ends at the same timestamp; not "
              + config.numEvents());
    }
    this.lastEventTime = lastEventTime(config);
  }

  /** The timestamp of the last events of {@code config} (of its longest blocks). */
  static long lastEventTime(GeneratorConfig config) {
    return config.timestampForEventNumber(config.splits().get(0).count() - 1);
  }

  /**
   * Opens a run of {@code query} over the events of {@code config}, whose watermarks lag the
   * largest timestamp by {@code outOfOrderness}; close it when done.
   */
  public static LatencyRun open(Query query, GeneratorConfig config, Duration outOfOrderness) {
    LatencyRun run = new LatencyRun(query, config, outOfOrderness);
    RUNS.put(run.id, run);
    return run;
  }

  /** The open run with this id; throws if there is none in this JVM. */
  public static LatencyRun get(String id) {
    LatencyRun run = RUNS.get(id);
    if (run == null) {
      throw new IllegalStateException("Latency run " + id + " is not open in this JVM");
    }
    return run;
  }

  public String id() {
    return id;
  }

  public Query query() {
    return query;
  }

  public GeneratorConfig config() {
    return config;
  }

  /** The timestamp of the last events (every block's last), in epoch milliseconds. */
  public long lastEventTime() {
    return lastEventTime;
  }

  /**
   * The trigger time, in epoch milliseconds, of a result row with event timestamp {@code
   * timestamp}: the timestamp itself, or for queries that {@linkplain Query#emitsOnWatermark() emit
   * on the watermark} {@code timestamp + bound + 1}.
   */
  public long triggerTime(long timestamp) {
    return query.emitsOnWatermark() ? timestamp + boundMillis + 1 : timestamp;
  }

  /** A recorder for one sink subtask. */
  public LatencyRecorder recorder() {
    return new LatencyRecorder(this);
  }

  synchronized void add(LatencyRecorder r) {
    latencies.add(r.latencies);
    measured += r.measured;
    atEnd += r.atEnd;
    negative += r.negative;
    triggerSum += r.triggerSum;
  }

  /** A source subtask emitted its last event at {@code epochNanos}. */
  public synchronized void sourceEnded(long epochNanos) {
    sourceEndNanos = Math.max(sourceEndNanos, epochNanos);
  }

  /**
   * The latencies recorded so far, and the achieved input rate: the events over the time from the
   * base time to the end of the last source's emission (NaN before any source ended).
   */
  public synchronized LatencyResult result() {
    double achieved = Double.NaN;
    if (sourceEndNanos != Long.MIN_VALUE) {
      long nanos = Math.max(1, sourceEndNanos - config.baseTime() * 1_000_000L);
      achieved = config.numEvents() / (nanos / 1e9);
    }
    return new LatencyResult(latencies.copy(), measured, atEnd, negative, triggerSum, achieved);
  }

  @Override
  public void close() {
    RUNS.remove(id);
  }
}
