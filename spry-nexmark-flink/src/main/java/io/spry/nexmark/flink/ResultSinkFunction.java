package io.spry.nexmark.flink;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.ResultAccumulator;
import io.spry.nexmark.latency.LatencyRecorder;
import io.spry.nexmark.latency.LatencyRun;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

/**
 * Sums a query's rows up per subtask in plain fields and, at the end of input, adds the subtask's
 * {@link QueryResult} to two Flink accumulators ({@link #ROWS}, {@link #CHECKSUM}), which the job
 * result carries back. For q4's update stream the sink runs chained after the keyed operator, so
 * all updates of a key reach the same subtask. In a latency run it also records each row's latency
 * (from its event timestamp, see {@link LatencyRun}) and adds them to the run at the end of input.
 */
final class ResultSinkFunction extends RichSinkFunction<Object> {
  private static final long serialVersionUID = 1L;

  static final String ROWS = "nexmark-rows";
  static final String CHECKSUM = "nexmark-checksum";

  private final Query query;
  private final String latencyRunId; // null: no latencies
  private transient ResultAccumulator accumulator;
  private transient LatencyRecorder latencies;
  private transient LongCounter rows;
  private transient LongCounter checksum;

  ResultSinkFunction(Query query, String latencyRunId) {
    this.query = query;
    this.latencyRunId = latencyRunId;
  }

  @Override
  public void open(OpenContext openContext) {
    accumulator = new ResultAccumulator(query, false);
    rows = new LongCounter();
    checksum = new LongCounter();
    getRuntimeContext().addAccumulator(ROWS, rows);
    getRuntimeContext().addAccumulator(CHECKSUM, checksum);
    if (latencyRunId != null) {
      latencies = LatencyRun.get(latencyRunId).recorder();
    }
  }

  @Override
  public void invoke(Object row, Context context) {
    if (latencies != null) {
      Long timestamp = context.timestamp();
      if (timestamp == null) {
        throw LatencyRecorder.noTimestamp(row);
      }
      latencies.record(timestamp);
    }
    accumulator.add(row);
  }

  @Override
  public void finish() {
    if (latencies != null) {
      latencies.finish();
    }
    QueryResult result = accumulator.result();
    rows.add(result.rows());
    checksum.add(result.checksum());
  }
}
