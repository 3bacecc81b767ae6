package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Maps each of two connected inputs to a common output type. */
@Public
public interface CoMapFunction<I1, I2, O> extends Function {
  O map1(I1 value) throws Exception;

  O map2(I2 value) throws Exception;
}
