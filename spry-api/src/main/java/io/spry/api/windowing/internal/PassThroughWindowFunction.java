package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.Collector;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.Window;

/**
 * Emits the window's contents as they are: the result of a plain {@code reduce}/{@code aggregate}.
 */
@Internal
public final class PassThroughWindowFunction<T, KEY, W extends Window>
    extends ProcessWindowFunction<T, T, KEY, W> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(KEY key, Context context, Iterable<T> elements, Collector<T> out) {
    for (T t : elements) {
      out.collect(t);
    }
  }
}
