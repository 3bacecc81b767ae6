package io.spry.runtime.source;

import io.spry.api.functions.SourceFunction;
import io.spry.runtime.operator.Output;
import io.spry.runtime.operator.UdfOperator;

/** The head of a source-function task: gives the function its lifecycle and runtime context. */
public final class SourceFunctionOperator<T> extends UdfOperator<SourceFunction<T>, T> {

  public SourceFunctionOperator(SourceFunction<T> function) {
    super(function);
  }

  public Output<T> output() {
    return output;
  }
}
