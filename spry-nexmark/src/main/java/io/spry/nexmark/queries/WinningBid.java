package io.spry.nexmark.queries;

import java.io.Serializable;

/**
 * A closed auction and its highest bid among the bids made between its opening and its expiry (both
 * inclusive); the input of q4 and q6.
 *
 * @param auction the auction's id
 * @param seller the auction's seller
 * @param category the auction's category
 * @param expires when the auction closed, in epoch milliseconds
 * @param price the highest bid's price, in cents
 */
public record WinningBid(long auction, long seller, long category, long expires, long price)
    implements Serializable {}
