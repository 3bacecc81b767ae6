package io.spry.nexmark.queries;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;

/** q4's second step, keyed by category: the running average of the winning prices. */
final class CategoryAverages extends KeyedProcessFunction<Long, WinningBid, CategoryAverage> {
  private static final long serialVersionUID = 1L;

  /** The sum and count of a category's winning prices. */
  record Totals(long sum, long count) implements java.io.Serializable {}

  private transient ValueState<Totals> totals;

  @Override
  public void open() {
    totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", Totals.class));
  }

  @Override
  public void processElement(WinningBid win, Context ctx, Collector<CategoryAverage> out)
      throws Exception {
    Totals old = totals.value();
    Totals now =
        old == null ? new Totals(win.price(), 1) : new Totals(old.sum + win.price(), old.count + 1);
    totals.update(now);
    out.collect(new CategoryAverage(win.category(), now.sum / now.count, now.count));
  }
}
