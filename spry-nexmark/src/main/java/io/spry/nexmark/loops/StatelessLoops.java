package io.spry.nexmark.loops;

import io.spry.nexmark.model.Bid;
import io.spry.nexmark.queries.AuctionPrice;
import io.spry.nexmark.queries.Queries;

/** q0, q1 and q2: one bid at a time. */
final class StatelessLoops {
  private StatelessLoops() {}

  static Loops.QueryLoop q0() {
    return (event, out) -> {
      if (event.isBid()) {
        out.accept(event.bid());
      }
    };
  }

  static Loops.QueryLoop q1() {
    return (event, out) -> {
      if (event.isBid()) {
        Bid b = event.bid();
        out.accept(b.withPrice(b.price() * Queries.EUROS_PER_THOUSAND_DOLLARS / 1000));
      }
    };
  }

  static Loops.QueryLoop q2() {
    return (event, out) -> {
      if (event.isBid() && event.bid().auction() % Queries.AUCTION_SKIP == 0) {
        out.accept(new AuctionPrice(event.bid().auction(), event.bid().price()));
      }
    };
  }
}
