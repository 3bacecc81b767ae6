package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Keeps the records for which {@link #filter} returns true. */
@Public
@FunctionalInterface
public interface FilterFunction<T> extends Function {
  boolean filter(T value) throws Exception;
}
