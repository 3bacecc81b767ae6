package io.spry.nexmark.queries;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;
import io.spry.nexmark.source.NexmarkSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Nexmark queries q0 to q8 in Spry's DataStream API, with the semantics of the Nexmark SQL
 * queries (see docs/benchmarks.md). {@link #build} adds a query to a job; {@link #run} runs one
 * over a generated stream and sums the output up.
 */
public final class Queries {
  private Queries() {}

  /** q1: dollars to euros. */
  public static final long EUROS_PER_THOUSAND_DOLLARS = 908;

  /** q2: keeps the bids on auctions whose id is a multiple of this. */
  public static final long AUCTION_SKIP = 123;

  /** q3: the states of the sellers it looks for, and the category. */
  public static final Set<String> LOCAL_STATES = Set.of("OR", "ID", "CA");

  public static final long LOCAL_CATEGORY = 10;

  /** q5: the sliding window. */
  public static final Duration HOT_WINDOW = Duration.ofSeconds(10);

  public static final Duration HOT_SLIDE = Duration.ofSeconds(2);

  /** q7 and q8: the tumbling window. */
  public static final Duration WINDOW = Duration.ofSeconds(10);

  private static final TypeInfo<Bid> BID = TypeInfo.of(Bid.class);
  private static final TypeInfo<Person> PERSON = TypeInfo.of(Person.class);
  private static final TypeInfo<Auction> AUCTION = TypeInfo.of(Auction.class);

  /** {@link #build(Query, DataStream)} by name: {@code "q5"}. */
  public static DataStream<?> build(String query, DataStream<Event> events) {
    return build(Query.parse(query), events);
  }

  /** The output stream of {@code query} over {@code events}, which need event timestamps. */
  public static DataStream<?> build(Query query, DataStream<Event> events) {
    return switch (query) {
      case Q0 -> q0(events);
      case Q1 -> q1(events);
      case Q2 -> q2(events);
      case Q3 -> q3(events);
      case Q4 -> q4(events);
      case Q5 -> q5(events);
      case Q6 -> q6(events);
      case Q7 -> q7(events);
      case Q8 -> q8(events);
    };
  }

  // ---- the entity streams ----

  public static DataStream<Bid> bids(DataStream<Event> events) {
    return events.filter(Event::isBid).name("bids").map(Event::bid, BID).name("bid");
  }

  public static DataStream<Person> persons(DataStream<Event> events) {
    return events.filter(Event::isPerson).name("persons").map(Event::person, PERSON).name("person");
  }

  public static DataStream<Auction> auctions(DataStream<Event> events) {
    return events
        .filter(Event::isAuction)
        .name("auctions")
        .map(Event::auction, AUCTION)
        .name("auction");
  }

  // ---- the queries ----

  /** Every bid, unchanged. */
  static DataStream<Bid> q0(DataStream<Event> events) {
    return bids(events);
  }

  /** Every bid, its price in euro cents (rounded down). */
  static DataStream<Bid> q1(DataStream<Event> events) {
    return bids(events)
        .map(b -> b.withPrice(b.price() * EUROS_PER_THOUSAND_DOLLARS / 1000), BID)
        .name("q1: to euros");
  }

  /** The auction and price of the bids on every 123rd auction. */
  static DataStream<AuctionPrice> q2(DataStream<Event> events) {
    return bids(events)
        .filter(b -> b.auction() % AUCTION_SKIP == 0)
        .name("q2: auction % 123 == 0")
        .map(b -> new AuctionPrice(b.auction(), b.price()), TypeInfo.of(AuctionPrice.class))
        .name("q2: auction, price");
  }

  /** Auctions in category 10 whose seller lives in Oregon, Idaho or California. */
  static DataStream<LocalItem> q3(DataStream<Event> events) {
    DataStream<Person> sellers =
        persons(events).filter(p -> LOCAL_STATES.contains(p.state())).name("q3: OR, ID, CA");
    DataStream<Auction> items =
        auctions(events).filter(a -> a.category() == LOCAL_CATEGORY).name("q3: category 10");
    return sellers
        .keyBy(Person::id, Types.LONG)
        .connect(items.keyBy(Auction::seller, Types.LONG))
        .process(new LocalItemJoin(), TypeInfo.of(LocalItem.class))
        .name("q3: join seller");
  }

  /**
   * The highest bid of each auction within its lifetime, emitted when it closes (q4 and q6's first
   * step).
   */
  public static DataStream<WinningBid> winningBids(DataStream<Event> events) {
    return auctions(events)
        .keyBy(Auction::id, Types.LONG)
        .connect(bids(events).keyBy(Bid::auction, Types.LONG))
        .process(new WinningBids(), TypeInfo.of(WinningBid.class))
        .name("winning bids");
  }

  /** The running average winning price per category: the last row per category is the result. */
  static DataStream<CategoryAverage> q4(DataStream<Event> events) {
    return winningBids(events)
        .keyBy(WinningBid::category, Types.LONG)
        .process(new CategoryAverages(), TypeInfo.of(CategoryAverage.class))
        .name("q4: average per category");
  }

  /** Per sliding window (10 s every 2 s), the auctions with the most bids. */
  static DataStream<HotItem> q5(DataStream<Event> events) {
    return bids(events)
        .keyBy(Bid::auction, Types.LONG)
        .window(SlidingEventTimeWindows.of(HOT_WINDOW, HOT_SLIDE))
        .aggregate(new HotItems.CountBids(), new HotItems.LabelCount())
        .name("q5: bids per auction and window")
        // A window's counts carry its last millisecond, so they meet in one slide-long window.
        .keyBy(AuctionCount::windowEnd, Types.LONG)
        .window(TumblingEventTimeWindows.of(HOT_SLIDE))
        .process(new HotItems.MostBids())
        .name("q5: most bids per window");
  }

  /** Per seller, the average winning price of their last 10 closed auctions, as each closes. */
  static DataStream<SellerAverage> q6(DataStream<Event> events) {
    return winningBids(events)
        .keyBy(WinningBid::seller, Types.LONG)
        .process(new SellerAverages(), TypeInfo.of(SellerAverage.class))
        .name("q6: average of the last 10 per seller");
  }

  /**
   * The bids with the highest price of each tumbling 10 s window. A {@code windowAll} aggregate:
   * each source subtask keeps the highest bids of its share of the window, and one subtask merges
   * those when the window closes (see {@code AllWindowedStream}, "Pre-aggregation").
   */
  static DataStream<Bid> q7(DataStream<Event> events) {
    return bids(events)
        .windowAll(TumblingEventTimeWindows.of(WINDOW))
        .aggregate(new MaxBids())
        .name("q7: highest per window")
        .flatMap((HighestBids h, Collector<Bid> out) -> h.bids().forEach(out::collect), BID)
        .name("q7: the bids");
  }

  /** Persons who registered and opened an auction in the same tumbling 10 s window. */
  static DataStream<NewUser> q8(DataStream<Event> events) {
    return persons(events)
        .coGroup(auctions(events))
        .where(Person::id)
        .equalTo(Auction::seller)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .apply(new NewUsers(WINDOW.toMillis()), TypeInfo.of(NewUser.class))
        .name("q8: new users");
  }

  // ---- running ----

  /** Runs {@code query} over the events {@code config} makes, at {@code parallelism}. */
  public static QueryResult run(Query query, GeneratorConfig config, int parallelism) {
    try (ResultSink.Totals totals = execute(query, config, parallelism, false)) {
      return totals.result();
    }
  }

  /**
   * Runs {@code query} and returns its result rows: every row, or for q4 the last row per key. For
   * tests and small runs.
   */
  public static List<Object> collect(Query query, GeneratorConfig config, int parallelism) {
    try (ResultSink.Totals totals = execute(query, config, parallelism, true)) {
      return totals.rows();
    }
  }

  /**
   * Runs {@code run}'s query in the latency mode: a {@linkplain NexmarkSource#paced paced} source
   * with {@linkplain NexmarkSource#punctuatedWatermarks() punctuated} watermarks, and a sink that
   * records each row's latency into {@code run}.
   */
  public static QueryResult runPaced(LatencyRun run, int parallelism) {
    try (ResultSink.Totals totals =
        execute(
            run.query(),
            NexmarkSource.paced(run),
            NexmarkSource.punctuatedWatermarks(),
            parallelism,
            false,
            run.id())) {
      return totals.result();
    }
  }

  private static ResultSink.Totals execute(
      Query query, GeneratorConfig config, int parallelism, boolean keepRows) {
    return execute(
        query,
        new NexmarkSource(config),
        NexmarkSource.benchmarkWatermarks(),
        parallelism,
        keepRows,
        null);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResultSink.Totals execute(
      Query query,
      NexmarkSource source,
      WatermarkStrategy<Event> watermarks,
      int parallelism,
      boolean keepRows,
      String latencyRunId) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    ResultSink.Totals totals = ResultSink.open(UUID.randomUUID().toString());
    try {
      DataStream<Event> events = env.fromSource(source, watermarks, "nexmark");
      DataStream out = build(query, events);
      out.sinkTo(ResultSink.of(totals, query, keepRows, latencyRunId)).name("result");
      env.execute("nexmark " + query.name().toLowerCase());
      return totals;
    } catch (RuntimeException | Error e) {
      totals.close();
      throw e;
    }
  }
}
