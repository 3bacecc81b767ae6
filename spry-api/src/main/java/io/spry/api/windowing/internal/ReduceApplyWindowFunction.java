package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.Collector;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.Window;
import java.util.List;

/**
 * Reduces the window's records, then passes the result to a window function: a {@code reduce} on a
 * window with an evictor, which keeps all records.
 */
@Internal
public final class ReduceApplyWindowFunction<T, OUT, KEY, W extends Window>
    extends DelegatingWindowFunction<T, OUT, KEY, W> {
  private static final long serialVersionUID = 1L;

  private final ReduceFunction<T> reduce;
  private final ProcessWindowFunction<T, OUT, KEY, W> function;

  public ReduceApplyWindowFunction(
      ReduceFunction<T> reduce, ProcessWindowFunction<T, OUT, KEY, W> function) {
    super(function);
    this.reduce = reduce;
    this.function = function;
  }

  @Override
  public void process(KEY key, Context context, Iterable<T> elements, Collector<OUT> out)
      throws Exception {
    T result = null;
    for (T t : elements) {
      result = result == null ? t : reduce.reduce(result, t);
    }
    if (result != null) {
      function.process(key, context, List.of(result), out);
    }
  }

  @Override
  public void clear(Context context) throws Exception {
    function.clear(context);
  }
}
