package io.spry.runtime.operator;

import io.spry.api.OutputTag;

/**
 * Where an operator emits: records with their timestamps, side-output records, and watermarks.
 * Behind it is either the next operator of the chain (a direct call) or a {@code RecordWriter} to
 * another task. Used only by the task's thread.
 */
public interface Output<T> {

  /** Emits a record; {@code timestamp} is {@code Long.MIN_VALUE} when it has none. */
  void collect(T record, long timestamp);

  /** Emits to a side output. Records for a side output that nobody consumes are dropped. */
  default <X> void collect(OutputTag<X> tag, X record, long timestamp) {}

  void emitWatermark(long watermark);

  /**
   * This output's stream became idle (it drops out of downstream watermark minimums) or active
   * again. Outputs that lead nowhere ignore it.
   */
  default void emitWatermarkStatus(boolean idle) {}
}
