package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.Collector;
import io.spry.api.windowing.functions.AllWindowFunction;
import io.spry.api.windowing.windows.Window;

/** Runs an {@link AllWindowFunction} as a process window function (of the constant key). */
@Internal
public final class AllWindowFunctionAdapter<IN, OUT, W extends Window>
    extends DelegatingWindowFunction<IN, OUT, Byte, W> {
  private static final long serialVersionUID = 1L;

  private final AllWindowFunction<IN, OUT, W> function;

  public AllWindowFunctionAdapter(AllWindowFunction<IN, OUT, W> function) {
    super(function);
    this.function = function;
  }

  @Override
  public void process(Byte key, Context context, Iterable<IN> elements, Collector<OUT> out)
      throws Exception {
    function.apply(context.window(), elements, out);
  }
}
