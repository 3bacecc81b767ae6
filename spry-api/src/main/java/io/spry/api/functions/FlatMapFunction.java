package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * Zero, one or many outputs per input. A lambda hides the {@link Collector}'s type parameter: give
 * the output type with {@code .returns(...)} after {@code flatMap}, or implement this interface in
 * a class.
 */
@Public
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Function {
  void flatMap(T value, Collector<R> out) throws Exception;
}
