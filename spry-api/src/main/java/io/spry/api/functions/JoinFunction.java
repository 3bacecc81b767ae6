package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Combines a pair of a window join: one element of each input with equal keys in one window. */
@Public
@FunctionalInterface
public interface JoinFunction<IN1, IN2, OUT> extends Function {
  OUT join(IN1 first, IN2 second) throws Exception;
}
