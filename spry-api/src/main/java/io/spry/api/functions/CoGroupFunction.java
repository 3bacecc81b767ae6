package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * Evaluates both inputs' elements of one key in one window together. Either group may be empty (but
 * not both), so a co-group can express outer joins.
 */
@Public
@FunctionalInterface
public interface CoGroupFunction<IN1, IN2, OUT> extends Function {
  void coGroup(Iterable<IN1> first, Iterable<IN2> second, Collector<OUT> out) throws Exception;
}
