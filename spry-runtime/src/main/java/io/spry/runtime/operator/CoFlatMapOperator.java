package io.spry.runtime.operator;

import io.spry.api.functions.CoFlatMapFunction;

/** {@code connect(...).flatMap(CoFlatMapFunction)}. */
public final class CoFlatMapOperator<I1, I2, O> extends UdfOperator<CoFlatMapFunction<I1, I2, O>, O>
    implements TwoInputOperator<I1, I2> {
  private TimestampedCollector<O> collector;

  public CoFlatMapOperator(CoFlatMapFunction<I1, I2, O> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    super.open();
  }

  @Override
  public void processElement1(I1 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.flatMap1(value, collector);
  }

  @Override
  public void processElement2(I2 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.flatMap2(value, collector);
  }
}
