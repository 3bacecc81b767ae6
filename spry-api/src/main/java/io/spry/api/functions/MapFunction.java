package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** One output per input. */
@Public
@FunctionalInterface
public interface MapFunction<T, R> extends Function {
  R map(T value) throws Exception;
}
