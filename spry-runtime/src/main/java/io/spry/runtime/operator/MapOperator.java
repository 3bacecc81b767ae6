package io.spry.runtime.operator;

import io.spry.api.functions.MapFunction;

/** {@code map}: one output per record, with the record's timestamp. */
public final class MapOperator<IN, OUT> extends UdfOperator<MapFunction<IN, OUT>, OUT>
    implements OneInputOperator<IN> {

  public MapOperator(MapFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    output.collect(function.map(value), timestamp);
  }
}
