package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * Combines two values of the same type into one. The engine may pass the previous result as {@code
 * value1}; a function must not mutate an object it has already returned or emitted, because local
 * exchanges hand objects over by reference.
 */
@Public
@FunctionalInterface
public interface ReduceFunction<T> extends Function {
  T reduce(T value1, T value2) throws Exception;
}
