package io.spry.nexmark.queries;

import java.io.Serializable;

/** q2's output: a bid's auction and price. */
public record AuctionPrice(long auction, long price) implements Serializable {}
