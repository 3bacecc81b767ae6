package io.spry.runtime.operator;

import io.spry.api.functions.Function;
import io.spry.api.functions.RichFunction;

/** An operator around a user function: runs the function's {@code open}/{@code close}. */
public abstract class UdfOperator<F extends Function, OUT> extends StreamOperator<OUT> {
  protected final F function;

  protected UdfOperator(F function) {
    this.function = function;
  }

  @Override
  public void open() throws Exception {
    if (function instanceof RichFunction rich) {
      rich.setRuntimeContext(context.runtimeContext());
      rich.open();
    }
  }

  @Override
  public void close() throws Exception {
    if (function instanceof RichFunction rich) {
      rich.close();
    }
  }

  public F getFunction() {
    return function;
  }
}
