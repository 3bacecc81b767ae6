package io.spry.nexmark.generator;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Nexmark generator makes: how many events, at what event-time rate, in how many parallel
 * blocks, with which mix of entities, hot keys and sizes. {@link #DEFAULT} holds the standard
 * values; change them with the {@code with...} methods.
 *
 * <p><b>Time.</b> Events are cut into {@link #numEventGenerators} contiguous blocks of event ids
 * ({@link #splits()}) that advance in step: the {@code n}-th event of every block has the timestamp
 * {@code baseTime + n * interEventDelayUs / 1000} where {@code interEventDelayUs = 1e6 /
 * firstEventRate * numEventGenerators}. All blocks together therefore make {@code firstEventRate}
 * events per second of event time, whatever the number of blocks, and the event time of the stream
 * does not depend on how fast it is read.
 *
 * @param baseTime the timestamp of every block's first event, in epoch milliseconds
 * @param numEvents events in total; {@link #UNBOUNDED} for no end
 * @param numEventGenerators the number of blocks the events are cut into
 * @param firstEventRate events per second of event time, over all blocks
 * @param personProportion persons among every {@code totalProportion()} events (standard 1)
 * @param auctionProportion auctions among them (standard 3)
 * @param bidProportion bids among them (standard 46)
 * @param hotAuctionRatio a bid goes to the hot auction with probability {@code 1 - 1/ratio}
 * @param hotSellersRatio an auction's seller is the hot seller with probability {@code 1 - 1/ratio}
 * @param hotBiddersRatio a bidder is the hot bidder with probability {@code 1 - 1/ratio}
 * @param numInFlightAuctions a cold bid goes to one of the last this many auctions (or a few ahead)
 * @param numActivePeople a cold seller or bidder is one of the last this many persons (or a few
 *     ahead)
 * @param avgPersonByteSize the average {@code Person.sizeInBytes()} the padding aims at
 * @param avgAuctionByteSize the average {@code Auction.sizeInBytes()}
 * @param avgBidByteSize the average {@code Bid.sizeInBytes()}
 */
public record GeneratorConfig(
    long baseTime,
    long numEvents,
    int numEventGenerators,
    double firstEventRate,
    int personProportion,
    int auctionProportion,
    int bidProportion,
    int hotAuctionRatio,
    int hotSellersRatio,
    int hotBiddersRatio,
    int numInFlightAuctions,
    int numActivePeople,
    int avgPersonByteSize,
    int avgAuctionByteSize,
    int avgBidByteSize)
    implements Serializable {

  /** The number of events of an endless stream. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  /** 2026-01-01T00:00:00Z: a fixed base time, so runs are repeatable and windows aligned. */
  public static final long DEFAULT_BASE_TIME = 1_767_225_600_000L;

  /** The standard configuration, with 100,000 events. */
  public static final GeneratorConfig DEFAULT =
      new GeneratorConfig(
          DEFAULT_BASE_TIME, 100_000, 100, 10_000, 1, 3, 46, 2, 4, 4, 100, 1000, 200, 500, 100);

  public GeneratorConfig {
    require(numEvents >= 0, "numEvents must be >= 0, not " + numEvents);
    require(numEventGenerators >= 1, "numEventGenerators must be >= 1, not " + numEventGenerators);
    require(
        firstEventRate > 0 && !Double.isInfinite(firstEventRate),
        "firstEventRate must be positive and finite, not " + firstEventRate);
    require(
        personProportion >= 1 && auctionProportion >= 1 && bidProportion >= 1,
        "every proportion must be >= 1");
    require(
        hotAuctionRatio >= 1 && hotSellersRatio >= 1 && hotBiddersRatio >= 1,
        "every hot ratio must be >= 1");
    require(numInFlightAuctions >= 1 && numActivePeople >= 1, "the active sets must not be empty");
    require(
        avgPersonByteSize >= 0 && avgAuctionByteSize >= 0 && avgBidByteSize >= 0,
        "sizes must be >= 0");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("GeneratorConfig: " + message);
    }
  }

  public boolean isBounded() {
    return numEvents != UNBOUNDED;
  }

  /** Persons + auctions + bids: the length of the cycle the event types repeat in. */
  public int totalProportion() {
    return personProportion + auctionProportion + bidProportion;
  }

  /** The event-time gap between two consecutive events of one block, in microseconds. */
  public double interEventDelayUs() {
    return 1_000_000.0 / firstEventRate * numEventGenerators;
  }

  /** The timestamp of the {@code eventNumber}-th event (from 0) of any block. */
  public long timestampForEventNumber(long eventNumber) {
    return baseTime + (long) (eventNumber * interEventDelayUs() / 1000.0);
  }

  /**
   * The blocks: {@code min(numEventGenerators, numEvents)} contiguous ranges of event ids that
   * differ in length by at most one, the longer ones first. (An unbounded stream is cut the same
   * way: each block is {@code Long.MAX_VALUE / numEventGenerators} events long.)
   */
  public List<EventSplit> splits() {
    int blocks = (int) Math.min(numEventGenerators, numEvents);
    List<EventSplit> result = new ArrayList<>(blocks);
    if (blocks == 0) {
      return result;
    }
    long base = numEvents / blocks;
    long longer = numEvents % blocks;
    long start = 0;
    for (int i = 0; i < blocks; i++) {
      long length = base + (i < longer ? 1 : 0);
      result.add(new EventSplit(i, start, length));
      start += length;
    }
    return result;
  }

  public GeneratorConfig withBaseTime(long value) {
    return new GeneratorConfig(
        value,
        numEvents,
        numEventGenerators,
        firstEventRate,
        personProportion,
        auctionProportion,
        bidProportion,
        hotAuctionRatio,
        hotSellersRatio,
        hotBiddersRatio,
        numInFlightAuctions,
        numActivePeople,
        avgPersonByteSize,
        avgAuctionByteSize,
        avgBidByteSize);
  }

  public GeneratorConfig withNumEvents(long value) {
    return new GeneratorConfig(
        baseTime,
        value,
        numEventGenerators,
        firstEventRate,
        personProportion,
        auctionProportion,
        bidProportion,
        hotAuctionRatio,
        hotSellersRatio,
        hotBiddersRatio,
        numInFlightAuctions,
        numActivePeople,
        avgPersonByteSize,
        avgAuctionByteSize,
        avgBidByteSize);
  }

  public GeneratorConfig withNumEventGenerators(int value) {
    return new GeneratorConfig(
        baseTime,
        numEvents,
        value,
        firstEventRate,
        personProportion,
        auctionProportion,
        bidProportion,
        hotAuctionRatio,
        hotSellersRatio,
        hotBiddersRatio,
        numInFlightAuctions,
        numActivePeople,
        avgPersonByteSize,
        avgAuctionByteSize,
        avgBidByteSize);
  }

  public GeneratorConfig withFirstEventRate(double value) {
    return new GeneratorConfig(
        baseTime,
        numEvents,
        numEventGenerators,
        value,
        personProportion,
        auctionProportion,
        bidProportion,
        hotAuctionRatio,
        hotSellersRatio,
        hotBiddersRatio,
        numInFlightAuctions,
        numActivePeople,
        avgPersonByteSize,
        avgAuctionByteSize,
        avgBidByteSize);
  }

  public GeneratorConfig withHotRatios(int auctions, int sellers, int bidders) {
    return new GeneratorConfig(
        baseTime,
        numEvents,
        numEventGenerators,
        firstEventRate,
        personProportion,
        auctionProportion,
        bidProportion,
        auctions,
        sellers,
        bidders,
        numInFlightAuctions,
        numActivePeople,
        avgPersonByteSize,
        avgAuctionByteSize,
        avgBidByteSize);
  }
}
