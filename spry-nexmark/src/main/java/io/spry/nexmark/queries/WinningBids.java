package io.spry.nexmark.queries;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import java.util.ArrayList;
import java.util.List;

/**
 * The highest bid of each auction among its bids made from its opening to its expiry (inclusive),
 * emitted when the watermark passes the expiry; keyed by auction id. An auction without such a bid
 * emits nothing.
 *
 * <p>A bid that arrives before its auction waits: its auction, if it ever comes, opened no later
 * than the bid, so once the watermark passes the bid's time the bid is dropped. After the expiry
 * the key's state is gone; a later bid cannot match any more and waits only until its own time.
 */
final class WinningBids extends KeyedCoProcessFunction<Long, Auction, Bid, WinningBid> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Auction> auction;
  private transient ValueState<Long> highest;
  private transient ListState<Bid> early;

  @Override
  public void open() {
    auction = getRuntimeContext().getState(new ValueStateDescriptor<>("auction", Auction.class));
    highest = getRuntimeContext().getState(new ValueStateDescriptor<>("highest", Long.class));
    early = getRuntimeContext().getListState(new ListStateDescriptor<>("early", Bid.class));
  }

  @Override
  public void processElement1(Auction a, Context ctx, Collector<WinningBid> out) throws Exception {
    auction.update(a);
    Iterable<Bid> waiting = early.get();
    if (waiting != null) {
      for (Bid bid : waiting) {
        offer(a, bid);
      }
      early.clear();
    }
    ctx.timerService().registerEventTimeTimer(a.expires());
  }

  @Override
  public void processElement2(Bid bid, Context ctx, Collector<WinningBid> out) throws Exception {
    Auction a = auction.value();
    if (a != null) {
      offer(a, bid);
    } else {
      early.add(bid);
      ctx.timerService().registerEventTimeTimer(bid.dateTime());
    }
  }

  private void offer(Auction a, Bid bid) throws Exception {
    if (bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()) {
      Long best = highest.value();
      if (best == null || bid.price() > best) {
        highest.update(bid.price());
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WinningBid> out)
      throws Exception {
    Auction a = auction.value();
    if (a == null) {
      dropEarlyBidsUpTo(timestamp);
    } else if (timestamp >= a.expires()) {
      Long best = highest.value();
      if (best != null) {
        out.collect(new WinningBid(a.id(), a.seller(), a.category(), a.expires(), best));
      }
      auction.clear();
      highest.clear();
      early.clear();
    }
  }

  private void dropEarlyBidsUpTo(long timestamp) throws Exception {
    Iterable<Bid> waiting = early.get();
    if (waiting == null) {
      return;
    }
    List<Bid> keep = new ArrayList<>();
    for (Bid bid : waiting) {
      if (bid.dateTime() > timestamp) {
        keep.add(bid);
      }
    }
    if (keep.isEmpty()) {
      early.clear();
    } else {
      early.update(keep);
    }
  }
}
