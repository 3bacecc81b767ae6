package io.spry.runtime.operator;

/** Emits every record to several outputs (an operator with several consumers). */
public final class BroadcastingOutput<T> implements Output<T> {
  private final Output<T>[] outputs;

  public BroadcastingOutput(Output<T>[] outputs) {
    this.outputs = outputs;
  }

  @Override
  public void collect(T record, long timestamp) {
    for (Output<T> o : outputs) {
      o.collect(record, timestamp);
    }
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    for (Output<T> o : outputs) {
      o.emitWatermarkStatus(idle);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    for (Output<T> o : outputs) {
      o.emitWatermark(watermark);
    }
  }
}
