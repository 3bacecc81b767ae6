package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.Window;
import java.util.Collections;

/**
 * Aggregates the window's records, then passes the result to a window function: an {@code
 * aggregate} on a window with an evictor, which keeps all records.
 */
@Internal
public final class AggregateApplyWindowFunction<T, ACC, V, OUT, KEY, W extends Window>
    extends DelegatingWindowFunction<T, OUT, KEY, W> {
  private static final long serialVersionUID = 1L;

  private final AggregateFunction<T, ACC, V> aggregate;
  private final ProcessWindowFunction<V, OUT, KEY, W> function;

  public AggregateApplyWindowFunction(
      AggregateFunction<T, ACC, V> aggregate, ProcessWindowFunction<V, OUT, KEY, W> function) {
    super(function);
    this.aggregate = aggregate;
    this.function = function;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void process(KEY key, Context context, Iterable<T> elements, Collector<OUT> out)
      throws Exception {
    ACC acc = aggregate.createAccumulator();
    for (T t : elements) {
      acc = aggregate.add(t, acc);
    }
    // The context's type is that of this function; the wrapped one reads it the same way.
    ((ProcessWindowFunction) function)
        .process(
            key, context, Collections.singletonList(aggregate.getResult(acc)), (Collector) out);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void clear(Context context) throws Exception {
    ((ProcessWindowFunction) function).clear(context);
  }
}
