package io.spry.nexmark.queries;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * q6's second step, keyed by seller: the average of the seller's last {@value #LAST} winning
 * prices, updated as each auction closes. Closed auctions are taken in event-time order (expiry,
 * then auction id) when the watermark passes their expiry, so the output does not depend on the
 * order in which parallel upstream subtasks deliver them.
 */
final class SellerAverages extends KeyedProcessFunction<Long, WinningBid, SellerAverage> {
  private static final long serialVersionUID = 1L;

  static final int LAST = 10;

  static final Comparator<WinningBid> CLOSING_ORDER =
      Comparator.comparingLong(WinningBid::expires).thenComparingLong(WinningBid::auction);

  private transient ListState<WinningBid> pending;
  private transient ListState<Long> recent;

  @Override
  public void open() {
    pending =
        getRuntimeContext().getListState(new ListStateDescriptor<>("pending", WinningBid.class));
    recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", Long.class));
  }

  @Override
  public void processElement(WinningBid win, Context ctx, Collector<SellerAverage> out)
      throws Exception {
    pending.add(win);
    ctx.timerService().registerEventTimeTimer(win.expires());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SellerAverage> out)
      throws Exception {
    List<WinningBid> ready = new ArrayList<>();
    List<WinningBid> later = new ArrayList<>();
    for (WinningBid win : pending.get()) {
      (win.expires() <= timestamp ? ready : later).add(win);
    }
    pending.update(later);
    ready.sort(CLOSING_ORDER);
    List<Long> prices = new ArrayList<>();
    Iterable<Long> old = recent.get();
    if (old != null) {
      old.forEach(prices::add);
    }
    for (WinningBid win : ready) {
      prices.add(win.price());
      if (prices.size() > LAST) {
        prices.remove(0);
      }
      out.collect(new SellerAverage(win.seller(), win.auction(), average(prices)));
    }
    recent.update(prices);
  }

  static long average(List<Long> prices) {
    long sum = 0;
    for (long p : prices) {
      sum += p;
    }
    return sum / prices.size();
  }
}
