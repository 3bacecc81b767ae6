package io.spry.nexmark.queries;

import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.ResultAccumulator;
import io.spry.nexmark.latency.LatencyRecorder;
import io.spry.nexmark.latency.LatencyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cooperative sink ({@link #isBlocking()} false) that sums a query's rows into a {@link
 * QueryResult} per subtask, in plain fields, and adds it to the run's totals at the end of input.
 * The writers find the run's totals through a registry by run id, since a sink is copied to each
 * subtask. In a latency run it also records each row's latency (from its event timestamp, see
 * {@link LatencyRun}) and adds the subtask's latencies to the run at the end of input.
 */
final class ResultSink implements Sink<Object> {
  private static final long serialVersionUID = 1L;

  private static final Map<String, Totals> RUNS = new ConcurrentHashMap<>();

  private final String runId;
  private final Query query;
  private final boolean keepRows;
  private final String latencyRunId; // null: no latencies

  private ResultSink(String runId, Query query, boolean keepRows, String latencyRunId) {
    this.runId = runId;
    this.query = query;
    this.keepRows = keepRows;
    this.latencyRunId = latencyRunId;
  }

  /** A run's totals: open them before the job, read and close them after. */
  static final class Totals implements AutoCloseable {
    private final String runId;
    private QueryResult result = new QueryResult(0, 0);
    private final List<Object> rows = new ArrayList<>();

    private Totals(String runId) {
      this.runId = runId;
    }

    synchronized void add(ResultAccumulator subtask) {
      result = result.plus(subtask.result());
      rows.addAll(subtask.rows());
    }

    synchronized QueryResult result() {
      return result;
    }

    synchronized List<Object> rows() {
      return new ArrayList<>(rows);
    }

    @Override
    public void close() {
      RUNS.remove(runId);
    }
  }

  static Totals open(String runId) {
    Totals totals = new Totals(runId);
    if (RUNS.putIfAbsent(runId, totals) != null) {
      throw new IllegalStateException("Run " + runId + " is already open");
    }
    return totals;
  }

  static ResultSink of(Totals totals, Query query, boolean keepRows, String latencyRunId) {
    return new ResultSink(totals.runId, query, keepRows, latencyRunId);
  }

  @Override
  public boolean isBlocking() {
    return false;
  }

  @Override
  public SinkWriter<Object> createWriter(SinkContext context) {
    Totals totals = RUNS.get(runId);
    if (totals == null) {
      throw new IllegalStateException("Run " + runId + " is not open in this JVM");
    }
    ResultAccumulator accumulator = new ResultAccumulator(query, keepRows);
    if (latencyRunId != null) {
      LatencyRecorder latencies = LatencyRun.get(latencyRunId).recorder();
      return new SinkWriter<>() {
        @Override
        public void write(Object row, Context ctx) {
          Long timestamp = ctx.timestamp();
          if (timestamp == null) {
            throw LatencyRecorder.noTimestamp(row);
          }
          latencies.record(timestamp);
          accumulator.add(row);
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput) {
            latencies.finish();
            totals.add(accumulator);
          }
        }
      };
    }
    return new SinkWriter<>() {
      @Override
      public void write(Object row, Context ctx) {
        accumulator.add(row);
      }

      @Override
      public void flush(boolean endOfInput) {
        if (endOfInput) {
          totals.add(accumulator);
        }
      }
    };
  }
}
