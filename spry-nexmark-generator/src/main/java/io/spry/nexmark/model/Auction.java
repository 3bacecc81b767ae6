package io.spry.nexmark.model;

import java.io.Serializable;

/**
 * An item put up for auction.
 *
 * @param id unique, from {@code 1000}
 * @param itemName a short random text
 * @param description a longer random text
 * @param initialBid the opening price, in cents
 * @param reserve the lowest price the seller accepts, in cents
 * @param dateTime when the auction opened, in epoch milliseconds
 * @param expires when the auction closes, in epoch milliseconds
 * @param seller the id of the selling {@link Person}
 * @param category from {@code 10}
 * @param extra padding that brings the record to its average size
 */
public record Auction(
    long id,
    String itemName,
    String description,
    long initialBid,
    long reserve,
    long dateTime,
    long expires,
    long seller,
    long category,
    String extra)
    implements Serializable {

  /** The record's size as counted by the benchmark: 8 bytes per number, 1 per character. */
  public int sizeInBytes() {
    return 7 * Long.BYTES + itemName.length() + description.length() + extra.length();
  }
}
