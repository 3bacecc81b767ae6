package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Like {@link JoinFunction}, with zero or more outputs per pair. */
@Public
@FunctionalInterface
public interface FlatJoinFunction<IN1, IN2, OUT> extends Function {
  void join(IN1 first, IN2 second, Collector<OUT> out) throws Exception;
}
