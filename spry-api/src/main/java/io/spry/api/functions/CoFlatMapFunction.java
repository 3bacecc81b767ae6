package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Flat-maps each of two connected inputs to a common output type. */
@Public
public interface CoFlatMapFunction<I1, I2, O> extends Function {
  void flatMap1(I1 value, Collector<O> out) throws Exception;

  void flatMap2(I2 value, Collector<O> out) throws Exception;
}
