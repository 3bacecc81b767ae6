package io.spry.nexmark.queries;

import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.functions.WindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.nexmark.model.Bid;

/** q5's functions: count bids per auction and window, then keep the auctions with the most. */
final class HotItems {
  private HotItems() {}

  /** Counts a window's bids. */
  static final class CountBids implements AggregateFunction<Bid, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Bid bid, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Labels a count with its auction and window end. */
  static final class LabelCount implements WindowFunction<Long, AuctionCount, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void apply(
        Long auction, TimeWindow window, Iterable<Long> counts, Collector<AuctionCount> out) {
      out.collect(new AuctionCount(auction, window.getEnd(), counts.iterator().next()));
    }
  }

  /** Emits the counts of one window end that equal the window's largest. */
  static final class MostBids
      extends ProcessWindowFunction<AuctionCount, HotItem, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
        Long windowEnd, Context context, Iterable<AuctionCount> counts, Collector<HotItem> out) {
      long max = 0;
      for (AuctionCount c : counts) {
        max = Math.max(max, c.bids());
      }
      for (AuctionCount c : counts) {
        if (c.bids() == max) {
          out.collect(new HotItem(c.windowEnd(), c.auction(), c.bids()));
        }
      }
    }
  }
}
