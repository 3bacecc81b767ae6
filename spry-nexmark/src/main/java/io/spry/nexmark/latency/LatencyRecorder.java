package io.spry.nexmark.latency;

import org.HdrHistogram.Histogram;

/**
 * Records the latencies of the result rows one sink subtask receives (see {@link LatencyRun} for
 * the definition), in plain fields: not thread-safe, one per subtask. {@link #finish()} adds them
 * to the run at the end of input.
 */
public final class LatencyRecorder {
  private final LatencyRun run;
  final Histogram latencies = LatencyResult.newHistogram();
  long measured;
  long atEnd;
  long negative;
  long triggerSum;
  private boolean finished;

  LatencyRecorder(LatencyRun run) {
    this.run = run;
  }

  /** A result row with event timestamp {@code timestamp} arrived now. */
  public void record(long timestamp) {
    record(timestamp, WallClock.epochNanos());
  }

  /** A result row with event timestamp {@code timestamp} arrived at {@code nowNanos}. */
  void record(long timestamp, long nowNanos) {
    long trigger = run.triggerTime(timestamp);
    if (trigger > run.lastEventTime()) {
      atEnd++;
      return;
    }
    measured++;
    triggerSum += trigger;
    long latencyNanos = nowNanos - trigger * 1_000_000L;
    if (latencyNanos < 0) {
      // cannot happen with one clock; counted and reported, never folded into the histogram
      negative++;
    } else {
      latencies.recordValue(latencyNanos / 1_000);
    }
  }

  /**
   * A result row without an event timestamp: the latency mode needs one on every row, so this is a
   * bug in the query or the engine.
   */
  public static IllegalStateException noTimestamp(Object row) {
    return new IllegalStateException(
        "A result row reached the latency sink without an event timestamp: " + row);
  }

  /** Adds what was recorded to the run; once, at the end of input. */
  public void finish() {
    if (!finished) {
      finished = true;
      run.add(this);
    }
  }
}
