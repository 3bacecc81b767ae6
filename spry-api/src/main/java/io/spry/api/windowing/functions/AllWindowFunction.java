package io.spry.api.windowing.functions;

import io.spry.api.annotation.Public;
import io.spry.api.functions.Collector;
import io.spry.api.functions.Function;
import io.spry.api.windowing.windows.Window;

/** Evaluates a window of a non-keyed stream ({@code windowAll}). */
@Public
@FunctionalInterface
public interface AllWindowFunction<IN, OUT, W extends Window> extends Function {
  void apply(W window, Iterable<IN> values, Collector<OUT> out) throws Exception;
}
