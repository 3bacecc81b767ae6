package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * The simple way to write a sink. It runs on a thread of its own unless the stream marks it
 * otherwise, so {@link #invoke} may block.
 */
@Public
@FunctionalInterface
public interface SinkFunction<T> extends Function {

  void invoke(T value, Context context) throws Exception;

  /** Called once at the end of a bounded input, before {@code close()}. */
  default void finish() throws Exception {}

  /** What {@link #invoke} may see beside the record. */
  interface Context {
    /** The record's timestamp, or null. */
    Long timestamp();

    long currentProcessingTime();

    long currentWatermark();
  }
}
