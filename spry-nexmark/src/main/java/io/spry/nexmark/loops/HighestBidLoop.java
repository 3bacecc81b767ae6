package io.spry.nexmark.loops;

import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.queries.Queries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** q7: the running highest price of the current window and its bids. */
final class HighestBidLoop implements Loops.QueryLoop {
  private final long size = Queries.WINDOW.toMillis();
  private long window = Long.MIN_VALUE;
  private long highest = Long.MIN_VALUE;
  private final List<Bid> bids = new ArrayList<>();

  @Override
  public void onEvent(Event event, Consumer<Object> out) {
    if (!event.isBid()) {
      return;
    }
    Bid bid = event.bid();
    long w = Math.floorDiv(bid.dateTime(), size);
    if (w != window) {
      onEnd(out);
      window = w;
    }
    if (bid.price() > highest) {
      highest = bid.price();
      bids.clear();
    }
    if (bid.price() == highest) {
      bids.add(bid);
    }
  }

  @Override
  public void onEnd(Consumer<Object> out) {
    bids.forEach(out);
    bids.clear();
    highest = Long.MIN_VALUE;
  }
}
