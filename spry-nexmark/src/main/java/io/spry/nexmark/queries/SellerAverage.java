package io.spry.nexmark.queries;

import java.io.Serializable;

/**
 * q6's output, one per closed auction: the average winning price of the seller's last (at most 10)
 * closed auctions, in order of closing (expiry, then auction id).
 *
 * @param seller the seller
 * @param auction the auction that just closed
 * @param average in cents, rounded down
 */
public record SellerAverage(long seller, long auction, long average) implements Serializable {}
