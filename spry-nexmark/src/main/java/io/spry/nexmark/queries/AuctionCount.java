package io.spry.nexmark.queries;

import java.io.Serializable;

/** The bids on an auction in one window: q5's first step. */
public record AuctionCount(long auction, long windowEnd, long bids) implements Serializable {}
