package io.spry.runtime.operator;

import io.spry.runtime.exchange.RecordSummary;
import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.exchange.Watermark;
import io.spry.runtime.exchange.WatermarkStatus;

/** Sends records to another task through a {@link RecordWriter}. */
public final class WriterOutput<T> implements Output<T> {
  private final RecordWriter writer;
  private final String edge;
  private final String taskName;

  /**
   * @param edge a description of the edge for errors, e.g. {@code keyBy at Job.main(Job.java:9)}
   */
  public WriterOutput(RecordWriter writer, String edge, String taskName) {
    this.writer = writer;
    this.edge = edge;
    this.taskName = taskName;
  }

  @Override
  public void collect(T record, long timestamp) {
    try {
      writer.emit(record, timestamp);
    } catch (RuntimeException e) {
      throw wrap(record, e);
    } catch (Exception e) {
      throw wrap(record, e);
    }
  }

  private OperatorException wrap(Object record, Exception e) {
    return new OperatorException(
        edge, taskName, "partitioning record " + RecordSummary.of(record), e);
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    writer.broadcastEvent(idle ? WatermarkStatus.IDLE : WatermarkStatus.ACTIVE);
  }

  @Override
  public void emitWatermark(long watermark) {
    writer.broadcastEvent(watermark == Long.MAX_VALUE ? Watermark.MAX : new Watermark(watermark));
  }
}
