package io.spry.nexmark;

import io.spry.nexmark.model.Bid;
import io.spry.nexmark.queries.AuctionPrice;
import io.spry.nexmark.queries.CategoryAverage;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.LocalItem;
import io.spry.nexmark.queries.NewUser;
import io.spry.nexmark.queries.SellerAverage;

/**
 * A 64-bit hash of a query's output row, computed from its fields by a fixed rule (strings by
 * {@link String#hashCode}), so it is the same in every JVM and can be summed into an
 * order-independent checksum.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static long of(Object row) {
    if (row instanceof Bid b) {
      return finish(
          mix(
              mix(
                  mix(
                      mix(mix(mix(mix(1, b.auction()), b.bidder()), b.price()), hash(b.channel())),
                      hash(b.url())),
                  b.dateTime()),
              hash(b.extra())));
    } else if (row instanceof AuctionPrice r) {
      return finish(mix(mix(2, r.auction()), r.price()));
    } else if (row instanceof LocalItem r) {
      return finish(
          mix(mix(mix(mix(3, hash(r.name())), hash(r.city())), hash(r.state())), r.auction()));
    } else if (row instanceof CategoryAverage r) {
      return finish(mix(mix(mix(4, r.category()), r.average()), r.auctions()));
    } else if (row instanceof HotItem r) {
      return finish(mix(mix(mix(5, r.windowEnd()), r.auction()), r.bids()));
    } else if (row instanceof SellerAverage r) {
      return finish(mix(mix(mix(6, r.seller()), r.auction()), r.average()));
    } else if (row instanceof NewUser r) {
      return finish(mix(mix(mix(8, r.id()), hash(r.name())), r.windowStart()));
    }
    throw new IllegalArgumentException("No fingerprint for " + row.getClass().getName());
  }

  private static long hash(String s) {
    return s.hashCode();
  }

  private static long mix(long h, long v) {
    return Long.rotateLeft(h ^ (v * 0x9E3779B97F4A7C15L), 27) * 0xBF58476D1CE4E5B9L + 1;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
