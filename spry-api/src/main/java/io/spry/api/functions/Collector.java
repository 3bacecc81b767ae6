package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Receives the outputs of a function. The record is handed on by reference: do not reuse it. */
@Public
public interface Collector<T> {
  void collect(T record);
}
