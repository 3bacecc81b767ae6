package io.spry.nexmark.loops;

import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.queries.CategoryAverage;
import io.spry.nexmark.queries.SellerAverage;
import io.spry.nexmark.queries.WinningBid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * q4 and q6: the open auctions with their highest bid so far; an auction closes when time passes
 * its expiry, in order of (expiry, id). A bid can only precede its auction in this stream at the
 * same timestamp, so bids for unknown auctions are kept only until time moves on.
 */
final class WinningBidLoop implements Loops.QueryLoop {
  /** What happens to each closed auction's winning bid. */
  interface Closing {
    void onClose(WinningBid win, Consumer<Object> out);
  }

  private static final class Open {
    final Auction auction;
    long highest = -1;

    Open(Auction auction) {
      this.auction = auction;
    }

    void offer(Bid bid) {
      if (bid.dateTime() >= auction.dateTime()
          && bid.dateTime() <= auction.expires()
          && bid.price() > highest) {
        highest = bid.price();
      }
    }
  }

  private final Map<Long, Open> open = new HashMap<>();
  private final PriorityQueue<Open> byExpiry =
      new PriorityQueue<>(
          Comparator.<Open>comparingLong(o -> o.auction.expires())
              .thenComparingLong(o -> o.auction.id()));
  private final List<Bid> unknownNow = new ArrayList<>();
  private final Closing closing;
  private long now = Long.MIN_VALUE;

  private WinningBidLoop(Closing closing) {
    this.closing = closing;
  }

  /** q4: the running average winning price per category. */
  static WinningBidLoop categoryAverages() {
    Map<Long, long[]> totals = new HashMap<>();
    return new WinningBidLoop(
        (win, out) -> {
          long[] sumCount = totals.computeIfAbsent(win.category(), c -> new long[2]);
          sumCount[0] += win.price();
          sumCount[1]++;
          out.accept(new CategoryAverage(win.category(), sumCount[0] / sumCount[1], sumCount[1]));
        });
  }

  /** q6: per seller, the average of the last 10 winning prices. */
  static WinningBidLoop sellerAverages() {
    Map<Long, ArrayDeque<Long>> recent = new HashMap<>();
    return new WinningBidLoop(
        (win, out) -> {
          ArrayDeque<Long> prices = recent.computeIfAbsent(win.seller(), s -> new ArrayDeque<>());
          prices.addLast(win.price());
          if (prices.size() > 10) {
            prices.removeFirst();
          }
          long sum = 0;
          for (long p : prices) {
            sum += p;
          }
          out.accept(new SellerAverage(win.seller(), win.auction(), sum / prices.size()));
        });
  }

  @Override
  public void onEvent(Event event, Consumer<Object> out) {
    long t = event.dateTime();
    if (t > now) {
      closeBefore(t, out);
      unknownNow.clear();
      now = t;
    }
    if (event.isAuction()) {
      Open o = new Open(event.auction());
      open.put(o.auction.id(), o);
      byExpiry.add(o);
      for (Bid bid : unknownNow) {
        if (bid.auction() == o.auction.id()) {
          o.offer(bid);
        }
      }
    } else if (event.isBid()) {
      Open o = open.get(event.bid().auction());
      if (o != null) {
        o.offer(event.bid());
      } else {
        unknownNow.add(event.bid());
      }
    }
  }

  @Override
  public void onEnd(Consumer<Object> out) {
    closeBefore(Long.MAX_VALUE, out);
  }

  private void closeBefore(long time, Consumer<Object> out) {
    while (!byExpiry.isEmpty() && byExpiry.peek().auction.expires() < time) {
      Open o = byExpiry.poll();
      open.remove(o.auction.id());
      if (o.highest >= 0) {
        Auction a = o.auction;
        closing.onClose(
            new WinningBid(a.id(), a.seller(), a.category(), a.expires(), o.highest), out);
      }
    }
  }
}
