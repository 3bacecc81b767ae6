package io.spry.nexmark.queries;

import java.io.Serializable;

/**
 * q4's output, an update per closed auction: the average winning price of the category so far.
 *
 * @param category the category
 * @param average the average winning price, in cents (rounded down, like SQL's AVG of integers)
 * @param auctions the closed auctions with a bid, so far
 */
public record CategoryAverage(long category, long average, long auctions) implements Serializable {}
