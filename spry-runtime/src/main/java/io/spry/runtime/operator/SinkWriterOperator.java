package io.spry.runtime.operator;

import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.time.Clock;

/** Writes records through a {@link Sink}'s writer; flushes it at the end of input. */
public final class SinkWriterOperator<T> extends StreamOperator<Object>
    implements OneInputOperator<T>, SinkWriter.Context {
  private final Sink<T> sink;
  private SinkWriter<T> writer;
  private long timestamp;

  public SinkWriterOperator(Sink<T> sink) {
    this.sink = sink;
  }

  @Override
  public void open() throws Exception {
    OperatorContext c = context;
    writer =
        sink.createWriter(
            new SinkContext() {
              @Override
              public int getSubtaskIndex() {
                return c.subtaskIndex();
              }

              @Override
              public int getParallelism() {
                return c.parallelism();
              }

              @Override
              public String getTaskNameWithSubtask() {
                return c.taskName();
              }

              @Override
              public Clock clock() {
                return c.clock();
              }
            });
  }

  @Override
  public void processElement(T value, long ts) throws Exception {
    timestamp = ts;
    writer.write(value, this);
  }

  @Override
  public void processWatermark(long watermark) {
    setCurrentWatermark(watermark);
  }

  /** At a checkpoint, what was written is made durable (at-least-once for plain sinks). */
  @Override
  public void snapshotState(
      io.spry.runtime.checkpoint.SubtaskState out, long checkpointId, long timestamp)
      throws Exception {
    writer.flush(false);
    super.snapshotState(out, checkpointId, timestamp);
  }

  @Override
  public void finish() throws Exception {
    writer.flush(true);
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      writer.close();
    }
  }

  @Override
  public Long timestamp() {
    return timestamp == Long.MIN_VALUE ? null : timestamp;
  }
}
