package io.spry.nexmark.queries;

import java.io.Serializable;

/**
 * q5's output: an auction with the most bids (ties included) in the sliding window ending at {@code
 * windowEnd}.
 */
public record HotItem(long windowEnd, long auction, long bids) implements Serializable {}
