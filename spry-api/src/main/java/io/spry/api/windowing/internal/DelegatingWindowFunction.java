package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.Function;
import io.spry.api.functions.RichFunction;
import io.spry.api.functions.RuntimeContext;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.Window;

/**
 * A {@link ProcessWindowFunction} around another user function: passes the runtime context, {@code
 * open} and {@code close} on to it when it is rich.
 */
@Internal
abstract class DelegatingWindowFunction<IN, OUT, KEY, W extends Window>
    extends ProcessWindowFunction<IN, OUT, KEY, W> {
  private static final long serialVersionUID = 1L;

  private final Function delegate;

  DelegatingWindowFunction(Function delegate) {
    this.delegate = delegate;
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    super.setRuntimeContext(context);
    if (delegate instanceof RichFunction rich) {
      rich.setRuntimeContext(context);
    }
  }

  @Override
  public void open() throws Exception {
    if (delegate instanceof RichFunction rich) {
      rich.open();
    }
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof RichFunction rich) {
      rich.close();
    }
  }
}
