package io.spry.runtime.operator;

/** The output of an operator nobody consumes (a sink, or a dead end). */
public final class NoOutput<T> implements Output<T> {
  @Override
  public void collect(T record, long timestamp) {}

  @Override
  public void emitWatermark(long watermark) {}
}
