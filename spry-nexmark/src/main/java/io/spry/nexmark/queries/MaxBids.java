package io.spry.nexmark.queries;

import io.spry.api.functions.AggregateFunction;
import io.spry.nexmark.model.Bid;

/** q7's partial aggregate: the highest bids of a group. */
final class MaxBids implements AggregateFunction<Bid, HighestBids, HighestBids> {
  private static final long serialVersionUID = 1L;

  @Override
  public HighestBids createAccumulator() {
    return HighestBids.NONE;
  }

  @Override
  public HighestBids add(Bid bid, HighestBids highest) {
    if (bid.price() < highest.price()) {
      return highest;
    }
    return highest.merge(new HighestBids(bid.price(), java.util.List.of(bid)));
  }

  @Override
  public HighestBids getResult(HighestBids highest) {
    return highest;
  }

  @Override
  public HighestBids merge(HighestBids a, HighestBids b) {
    return a.merge(b);
  }
}
