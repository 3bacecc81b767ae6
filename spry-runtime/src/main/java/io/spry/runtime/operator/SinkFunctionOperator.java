package io.spry.runtime.operator;

import io.spry.api.functions.SinkFunction;

/** Calls a {@link SinkFunction} per record. */
public final class SinkFunctionOperator<T> extends UdfOperator<SinkFunction<T>, Object>
    implements OneInputOperator<T>, SinkFunction.Context {
  private long timestamp;

  public SinkFunctionOperator(SinkFunction<T> function) {
    super(function);
  }

  @Override
  public void processElement(T value, long ts) throws Exception {
    timestamp = ts;
    function.invoke(value, this);
  }

  @Override
  public void processWatermark(long watermark) {
    setCurrentWatermark(watermark);
  }

  @Override
  public void finish() throws Exception {
    function.finish();
  }

  @Override
  public Long timestamp() {
    return timestamp == Long.MIN_VALUE ? null : timestamp;
  }

  @Override
  public long currentProcessingTime() {
    return context.clock().millis();
  }
}
