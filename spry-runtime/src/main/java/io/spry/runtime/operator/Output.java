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
   * Whether {@link #prefetch} does anything now: only on a keyed operator whose state backend wants
   * it (see {@code KeyedStateBackend.prefetches}). The task asks before it gathers a batch.
   */
  default boolean prefetches() {
    return false;
  }

  /**
   * The next {@code n} records this output will be given, in this order, with no other record
   * between: a keyed output computes their keys, has the backend load their state into the CPU's
   * caches, and keeps the keys for when the records come. Changes no state.
   */
  default void prefetch(Object[] records, int n) {}

  /**
   * This output's stream became idle (it drops out of downstream watermark minimums) or active
   * again. Outputs that lead nowhere ignore it.
   */
  default void emitWatermarkStatus(boolean idle) {}
}
