package io.spry.api.windowing.functions;

import io.spry.api.annotation.Public;
import io.spry.api.functions.Collector;
import io.spry.api.functions.Function;
import io.spry.api.windowing.windows.Window;

/**
 * Evaluates a window of a keyed stream with its key and window; the simpler form of {@link
 * ProcessWindowFunction}.
 */
@Public
@FunctionalInterface
public interface WindowFunction<IN, OUT, KEY, W extends Window> extends Function {
  void apply(KEY key, W window, Iterable<IN> input, Collector<OUT> out) throws Exception;
}
