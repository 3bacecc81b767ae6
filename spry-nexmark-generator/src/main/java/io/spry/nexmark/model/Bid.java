package io.spry.nexmark.model;

import java.io.Serializable;

/**
 * A bid on an auction.
 *
 * @param auction the id of the {@link Auction}
 * @param bidder the id of the bidding {@link Person}
 * @param price in cents
 * @param channel where the bid came from
 * @param url the page the bid was made on
 * @param dateTime when the bid was made, in epoch milliseconds
 * @param extra padding that brings the record to its average size
 */
public record Bid(
    long auction, long bidder, long price, String channel, String url, long dateTime, String extra)
    implements Serializable {

  /** The record's size as counted by the benchmark: 8 bytes per number, 1 per character. */
  public int sizeInBytes() {
    return 4 * Long.BYTES + channel.length() + url.length() + extra.length();
  }

  /** This bid with another price (the other fields are shared, not copied). */
  public Bid withPrice(long newPrice) {
    return new Bid(auction, bidder, newPrice, channel, url, dateTime, extra);
  }
}
