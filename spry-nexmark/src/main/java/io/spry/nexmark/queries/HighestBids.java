package io.spry.nexmark.queries;

import io.spry.nexmark.model.Bid;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The bids with the highest price of a group (all of them, on a tie): q7's partial and final
 * aggregate. Immutable.
 */
public record HighestBids(long price, List<Bid> bids) implements Serializable {
  public static final HighestBids NONE = new HighestBids(Long.MIN_VALUE, List.of());

  public HighestBids {
    bids = List.copyOf(bids);
  }

  /** The highest bids of both groups. */
  public HighestBids merge(HighestBids other) {
    if (other.price != price) {
      return other.price > price ? other : this;
    }
    List<Bid> both = new ArrayList<>(bids.size() + other.bids.size());
    both.addAll(bids);
    both.addAll(other.bids);
    return new HighestBids(price, both);
  }
}
