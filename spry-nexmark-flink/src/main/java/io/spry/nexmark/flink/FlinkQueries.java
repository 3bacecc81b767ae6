package io.spry.nexmark.flink;

import io.spry.nexmark.Query;
import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;
import io.spry.nexmark.queries.AuctionCount;
import io.spry.nexmark.queries.AuctionPrice;
import io.spry.nexmark.queries.CategoryAverage;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.LocalItem;
import io.spry.nexmark.queries.NewUser;
import io.spry.nexmark.queries.SellerAverage;
import io.spry.nexmark.queries.WinningBid;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * The Nexmark queries q0 to q8 in Apache Flink's DataStream API, with the same semantics and the
 * same output rows as Spry's {@code Queries} and the plain loops (see docs/benchmarks.md). Written
 * the way a Flink user would: keyed process functions with value/list state and event-time timers,
 * incremental window aggregation, a window co-group.
 */
final class FlinkQueries {
  private FlinkQueries() {}

  static final long EUROS_PER_THOUSAND_DOLLARS = 908;
  static final long AUCTION_SKIP = 123;
  static final Set<String> LOCAL_STATES = Set.of("OR", "ID", "CA");
  static final long LOCAL_CATEGORY = 10;
  static final Duration HOT_WINDOW = Duration.ofSeconds(10);
  static final Duration HOT_SLIDE = Duration.ofSeconds(2);
  static final Duration WINDOW = Duration.ofSeconds(10);

  static final TypeInformation<Bid> BID = TypeInformation.of(Bid.class);
  static final TypeInformation<Person> PERSON = TypeInformation.of(Person.class);
  static final TypeInformation<Auction> AUCTION = TypeInformation.of(Auction.class);

  static DataStream<?> build(Query query, DataStream<Event> events) {
    return switch (query) {
      case Q0 -> bids(events);
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

  static DataStream<Bid> bids(DataStream<Event> events) {
    return events.filter(Event::isBid).name("bids").map(Event::bid).returns(BID).name("bid");
  }

  static DataStream<Person> persons(DataStream<Event> events) {
    return events
        .filter(Event::isPerson)
        .name("persons")
        .map(Event::person)
        .returns(PERSON)
        .name("person");
  }

  static DataStream<Auction> auctions(DataStream<Event> events) {
    return events
        .filter(Event::isAuction)
        .name("auctions")
        .map(Event::auction)
        .returns(AUCTION)
        .name("auction");
  }

  static DataStream<Bid> q1(DataStream<Event> events) {
    return bids(events)
        .map(b -> b.withPrice(b.price() * EUROS_PER_THOUSAND_DOLLARS / 1000))
        .returns(BID)
        .name("q1: to euros");
  }

  static DataStream<AuctionPrice> q2(DataStream<Event> events) {
    return bids(events)
        .filter(b -> b.auction() % AUCTION_SKIP == 0)
        .name("q2: auction % 123 == 0")
        .map(b -> new AuctionPrice(b.auction(), b.price()))
        .returns(AuctionPrice.class)
        .name("q2: auction, price");
  }

  static DataStream<LocalItem> q3(DataStream<Event> events) {
    DataStream<Person> sellers =
        persons(events).filter(p -> LOCAL_STATES.contains(p.state())).name("q3: OR, ID, CA");
    DataStream<Auction> items =
        auctions(events).filter(a -> a.category() == LOCAL_CATEGORY).name("q3: category 10");
    return sellers
        .keyBy(Person::id, Types.LONG)
        .connect(items.keyBy(Auction::seller, Types.LONG))
        .process(new FlinkFunctions.LocalItemJoin(), TypeInformation.of(LocalItem.class))
        .name("q3: join seller");
  }

  static DataStream<WinningBid> winningBids(DataStream<Event> events) {
    return auctions(events)
        .keyBy(Auction::id, Types.LONG)
        .connect(bids(events).keyBy(Bid::auction, Types.LONG))
        .process(new FlinkFunctions.WinningBids(), TypeInformation.of(WinningBid.class))
        .name("winning bids");
  }

  static DataStream<CategoryAverage> q4(DataStream<Event> events) {
    return winningBids(events)
        .keyBy(WinningBid::category, Types.LONG)
        .process(new FlinkFunctions.CategoryAverages(), TypeInformation.of(CategoryAverage.class))
        .name("q4: average per category");
  }

  static DataStream<HotItem> q5(DataStream<Event> events) {
    return bids(events)
        .keyBy(Bid::auction, Types.LONG)
        .window(SlidingEventTimeWindows.of(HOT_WINDOW, HOT_SLIDE))
        .aggregate(
            new FlinkFunctions.CountBids(),
            new FlinkFunctions.LabelCount(),
            Types.LONG,
            TypeInformation.of(AuctionCount.class))
        .name("q5: bids per auction and window")
        // A window's counts carry its last millisecond, so they meet in one slide-long window.
        .keyBy(AuctionCount::windowEnd, Types.LONG)
        .window(TumblingEventTimeWindows.of(HOT_SLIDE))
        .process(new FlinkFunctions.MostBids(), TypeInformation.of(HotItem.class))
        .name("q5: most bids per window");
  }

  static DataStream<SellerAverage> q6(DataStream<Event> events) {
    return winningBids(events)
        .keyBy(WinningBid::seller, Types.LONG)
        .process(new FlinkFunctions.SellerAverages(), TypeInformation.of(SellerAverage.class))
        .name("q6: average of the last 10 per seller");
  }

  static DataStream<Bid> q7(DataStream<Event> events) {
    TypeInformation<FlinkFunctions.TopBids> top = TypeInformation.of(FlinkFunctions.TopBids.class);
    return bids(events)
        .keyBy(Bid::auction, Types.LONG)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .aggregate(new FlinkFunctions.MaxBids(), top, top)
        .name("q7: highest per auction and window")
        .windowAll(TumblingEventTimeWindows.of(WINDOW))
        .reduce(FlinkFunctions.TopBids::merge)
        .name("q7: highest per window")
        .flatMap(
            (FlinkFunctions.TopBids t, Collector<Bid> out) -> {
              for (Bid b : t.bids) {
                out.collect(b);
              }
            })
        .returns(BID)
        .name("q7: the bids");
  }

  static DataStream<NewUser> q8(DataStream<Event> events) {
    return persons(events)
        .coGroup(auctions(events))
        .where(Person::id, Types.LONG)
        .equalTo(Auction::seller, Types.LONG)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .apply(new FlinkFunctions.NewUsers(WINDOW.toMillis()), TypeInformation.of(NewUser.class));
  }
}
