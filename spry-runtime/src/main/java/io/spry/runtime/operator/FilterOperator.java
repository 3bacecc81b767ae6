package io.spry.runtime.operator;

import io.spry.api.functions.FilterFunction;

/** {@code filter}: forwards the records the function accepts. */
public final class FilterOperator<T> extends UdfOperator<FilterFunction<T>, T>
    implements OneInputOperator<T> {

  public FilterOperator(FilterFunction<T> function) {
    super(function);
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    if (function.filter(value)) {
      output.collect(value, timestamp);
    }
  }
}
