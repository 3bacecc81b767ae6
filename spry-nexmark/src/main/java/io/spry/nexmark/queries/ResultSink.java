package io.spry.nexmark.queries;

import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.ResultAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cooperative sink ({@link #isBlocking()} false) that sums a query's rows into a {@link
 * QueryResult} per subtask, in plain fields, and adds it to the run's totals at the end of input.
 * The writers find the run's totals through a registry by run id, since a sink is copied to each
 * subtask.
 */
final class ResultSink implements Sink<Object> {
  private static final long serialVersionUID = 1L;

  private static final Map<String, Totals> RUNS = new ConcurrentHashMap<>();

  private final String runId;
  private final Query query;
  private final boolean keepRows;

  private ResultSink(String runId, Query query, boolean keepRows) {
    this.runId = runId;
    this.query = query;
    this.keepRows = keepRows;
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

  static ResultSink of(Totals totals, Query query, boolean keepRows) {
    return new ResultSink(totals.runId, query, keepRows);
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
