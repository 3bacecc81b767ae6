package io.spry.nexmark.generator;

import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;

/**
 * Makes the Nexmark event with a given id. The content is a function of the id (the random sequence
 * is reseeded with it) and the timestamp a function of the event's number within its block, so any
 * event can be made on its own, in any order, by any thread that has a generator of its own.
 *
 * <ul>
 *   <li><b>Type.</b> Events repeat in cycles of {@code totalProportion} (50) ids: the first {@code
 *       personProportion} (1) are persons, the next {@code auctionProportion} (3) auctions, the
 *       rest (46) bids.
 *   <li><b>Ids.</b> Person and auction ids are counted from the event id, without shared state: the
 *       {@code k}-th person (from 0) has id {@code 1000 + k}, likewise for auctions.
 *   <li><b>Hot keys.</b> A bid goes to the current hot auction (the last auction id rounded down to
 *       a multiple of 100) with probability {@code 1 - 1/hotAuctionRatio}, otherwise to one of the
 *       last {@code numInFlightAuctions} auctions or up to 10 ahead; the bidder is the hot bidder
 *       (the last person id rounded down to 100, plus 1) with probability {@code 1 -
 *       1/hotBiddersRatio}, otherwise one of the last {@code numActivePeople} persons or up to 10
 *       ahead; an auction's seller likewise, with {@code hotSellersRatio}.
 *   <li><b>Prices</b> are log-uniform between 1 and 1,000,000 dollars, in cents.
 *   <li><b>Sizes.</b> {@code extra} pads each record to its kind's average size, plus or minus 20%.
 * </ul>
 *
 * <p>Not thread-safe: it reuses one random sequence and one text buffer. Allocates the event, the
 * entity and the entity's random strings; names, cities, states, channels and URLs come from {@link
 * Pools}.
 */
public final class EventGenerator {
  public static final long FIRST_PERSON_ID = 1000;
  public static final long FIRST_AUCTION_ID = 1000;
  public static final long FIRST_CATEGORY_ID = 10;
  public static final int NUM_CATEGORIES = 5;

  /** Cold sellers, bidders and auctions may be this many ids ahead of the last one made. */
  static final int PERSON_ID_LEAD = 10;

  static final int AUCTION_ID_LEAD = 10;

  /** Hot ids are the last id rounded down to a multiple of this. */
  static final int HOT_GROUP = 100;

  /** A bid's channel is one of the hot channels with probability {@code 1 - 1/ratio}. */
  static final int HOT_CHANNELS_RATIO = 2;

  private static final double LN_MAX_PRICE_DOLLARS = 6 * Math.log(10);

  private final GeneratorConfig config;
  private final int total;
  private final int persons;
  private final int auctions;
  private final SplitMix random = new SplitMix();
  private final RandomText text = new RandomText(random);

  public EventGenerator(GeneratorConfig config) {
    this.config = config;
    this.total = config.totalProportion();
    this.persons = config.personProportion();
    this.auctions = config.auctionProportion();
  }

  public GeneratorConfig config() {
    return config;
  }

  /** The event with {@code eventId}, the {@code eventNumber}-th of its block. */
  public Event event(long eventId, long eventNumber) {
    long timestamp = config.timestampForEventNumber(eventNumber);
    random.seed(eventId);
    long offset = eventId % total;
    if (offset < persons) {
      return Event.of(person(eventId, timestamp));
    } else if (offset < persons + auctions) {
      return Event.of(auction(eventId, eventNumber, timestamp));
    } else {
      return Event.of(bid(eventId, timestamp));
    }
  }

  /** The event with {@code eventId} of {@code split}. */
  public Event event(EventSplit split, long eventId) {
    return event(eventId, split.eventNumber(eventId));
  }

  /** The type of the event with {@code eventId}. */
  public Event.Type typeOf(long eventId) {
    long offset = eventId % total;
    return offset < persons
        ? Event.Type.PERSON
        : offset < persons + auctions ? Event.Type.AUCTION : Event.Type.BID;
  }

  // ---- entities ----

  private Person person(long eventId, long timestamp) {
    long id = FIRST_PERSON_ID + lastBase0PersonId(eventId);
    String name = Pools.NAMES[random.nextInt(Pools.NAMES.length)];
    String email = text.email(7, 5);
    String creditCard = text.creditCard();
    String city = Pools.CITIES[random.nextInt(Pools.CITIES.length)];
    String state = Pools.STATES[random.nextInt(Pools.STATES.length)];
    int size =
        2 * Long.BYTES
            + name.length()
            + email.length()
            + creditCard.length()
            + city.length()
            + state.length();
    String extra = text.padding(size, config.avgPersonByteSize());
    return new Person(id, name, email, creditCard, city, state, timestamp, extra);
  }

  private Auction auction(long eventId, long eventNumber, long timestamp) {
    long id = FIRST_AUCTION_ID + lastBase0AuctionId(eventId);
    long seller =
        FIRST_PERSON_ID
            + (isHot(config.hotSellersRatio())
                ? lastBase0PersonId(eventId) / HOT_GROUP * HOT_GROUP
                : nextBase0PersonId(eventId));
    long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    long initialBid = nextPrice();
    long reserve = initialBid + nextPrice();
    long expires = timestamp + nextAuctionLengthMs(eventNumber, timestamp);
    String itemName = text.upTo(20);
    String description = text.upTo(100);
    int size = 7 * Long.BYTES + itemName.length() + description.length();
    String extra = text.padding(size, config.avgAuctionByteSize());
    return new Auction(
        id,
        itemName,
        description,
        initialBid,
        reserve,
        timestamp,
        expires,
        seller,
        category,
        extra);
  }

  private Bid bid(long eventId, long timestamp) {
    long auction =
        FIRST_AUCTION_ID
            + (isHot(config.hotAuctionRatio())
                ? lastBase0AuctionId(eventId) / HOT_GROUP * HOT_GROUP
                : nextBase0AuctionId(eventId));
    long bidder =
        FIRST_PERSON_ID
            + (isHot(config.hotBiddersRatio())
                ? lastBase0PersonId(eventId) / HOT_GROUP * HOT_GROUP + 1
                : nextBase0PersonId(eventId));
    long price = nextPrice();
    String channel;
    String url;
    if (isHot(HOT_CHANNELS_RATIO)) {
      int i = random.nextInt(Pools.HOT_CHANNELS.length);
      channel = Pools.HOT_CHANNELS[i];
      url = Pools.HOT_URLS[i];
    } else {
      int i = random.nextInt(Pools.CHANNELS);
      channel = Pools.CHANNEL_NAMES[i];
      url = Pools.CHANNEL_URLS[i];
    }
    int size = 4 * Long.BYTES + channel.length() + url.length();
    String extra = text.padding(size, config.avgBidByteSize());
    return new Bid(auction, bidder, price, channel, url, timestamp, extra);
  }

  // ---- ids, arithmetically from the event id ----

  /** The base-0 id of the last person made at or before {@code eventId}. */
  public long lastBase0PersonId(long eventId) {
    long epoch = eventId / total;
    long offset = Math.min(eventId % total, persons - 1);
    return epoch * persons + offset;
  }

  /** The base-0 id of the last auction made at or before {@code eventId}; -1 before the first. */
  public long lastBase0AuctionId(long eventId) {
    long epoch = eventId / total;
    long offset = eventId % total;
    if (offset < persons) {
      epoch--; // a person: the last auction is the previous cycle's last
      offset = auctions - 1;
    } else if (offset >= persons + auctions) {
      offset = auctions - 1; // a bid: this cycle's last auction
    } else {
      offset -= persons;
    }
    return epoch * auctions + offset;
  }

  /** One of the last {@code numActivePeople} persons, or up to {@link #PERSON_ID_LEAD} ahead. */
  private long nextBase0PersonId(long eventId) {
    long people = lastBase0PersonId(eventId) + 1;
    long active = Math.min(people, config.numActivePeople());
    return people - active + random.nextLong(active + PERSON_ID_LEAD);
  }

  /**
   * One of the last {@code numInFlightAuctions} auctions, or up to {@link #AUCTION_ID_LEAD} ahead.
   */
  private long nextBase0AuctionId(long eventId) {
    long last = lastBase0AuctionId(eventId);
    long first = Math.max(last - config.numInFlightAuctions(), 0);
    return first + random.nextLong(last - first + 1 + AUCTION_ID_LEAD);
  }

  // ---- values ----

  private boolean isHot(int ratio) {
    return random.nextInt(ratio) > 0;
  }

  /** Log-uniform in 1 .. 1,000,000 dollars, in cents. */
  private long nextPrice() {
    return Math.round(Math.exp(random.nextDouble() * LN_MAX_PRICE_DOLLARS) * 100.0);
  }

  /**
   * Uniform in {@code 1 .. 2h} ms, where {@code h} is the event time the block needs to make {@code
   * numInFlightAuctions} more auctions.
   */
  private long nextAuctionLengthMs(long eventNumber, long timestamp) {
    long eventsForAuctions = (long) config.numInFlightAuctions() * total / auctions;
    long horizon = config.timestampForEventNumber(eventNumber + eventsForAuctions) - timestamp;
    return 1 + random.nextLong(Math.max(2 * horizon, 1));
  }
}
