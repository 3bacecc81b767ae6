package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * A function with a lifecycle: {@link #open()} before the first record, {@link #close()} after the
 * last (or on cancellation), and a {@link RuntimeContext} for state, counters and task facts.
 */
@Public
public interface RichFunction extends Function {
  void setRuntimeContext(RuntimeContext context);

  RuntimeContext getRuntimeContext();

  default void open() throws Exception {}

  default void close() throws Exception {}
}
