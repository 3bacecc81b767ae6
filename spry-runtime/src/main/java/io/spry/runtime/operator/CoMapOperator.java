package io.spry.runtime.operator;

import io.spry.api.functions.CoMapFunction;

/** {@code connect(...).map(CoMapFunction)}. */
public final class CoMapOperator<I1, I2, O> extends UdfOperator<CoMapFunction<I1, I2, O>, O>
    implements TwoInputOperator<I1, I2> {

  public CoMapOperator(CoMapFunction<I1, I2, O> function) {
    super(function);
  }

  @Override
  public void processElement1(I1 value, long timestamp) throws Exception {
    output.collect(function.map1(value), timestamp);
  }

  @Override
  public void processElement2(I2 value, long timestamp) throws Exception {
    output.collect(function.map2(value), timestamp);
  }
}
