package io.spry.nexmark.flink;

import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Person;
import io.spry.nexmark.queries.AuctionCount;
import io.spry.nexmark.queries.CategoryAverage;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.LocalItem;
import io.spry.nexmark.queries.NewUser;
import io.spry.nexmark.queries.SellerAverage;
import io.spry.nexmark.queries.WinningBid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.CoGroupFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.WindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** The user functions of {@link FlinkQueries}. */
final class FlinkFunctions {
  private FlinkFunctions() {}

  /**
   * q3, keyed by person id = seller: the local person is kept for ever, auctions that come before
   * their seller wait in list state; each pair is emitted once.
   */
  static final class LocalItemJoin
      extends KeyedCoProcessFunction<Long, Person, Auction, LocalItem> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Person> seller;
    private transient ListState<Auction> waiting;

    @Override
    public void open(OpenContext openContext) {
      seller =
          getRuntimeContext().getState(new ValueStateDescriptor<>("seller", FlinkQueries.PERSON));
      waiting =
          getRuntimeContext()
              .getListState(new ListStateDescriptor<>("waiting", FlinkQueries.AUCTION));
    }

    @Override
    public void processElement1(Person p, Context ctx, Collector<LocalItem> out) throws Exception {
      seller.update(p);
      Iterable<Auction> early = waiting.get();
      if (early != null) {
        for (Auction a : early) {
          out.collect(new LocalItem(p.name(), p.city(), p.state(), a.id()));
        }
        waiting.clear();
      }
    }

    @Override
    public void processElement2(Auction a, Context ctx, Collector<LocalItem> out) throws Exception {
      Person p = seller.value();
      if (p != null) {
        out.collect(new LocalItem(p.name(), p.city(), p.state(), a.id()));
      } else {
        waiting.add(a);
      }
    }
  }

  /**
   * q4 and q6's first step, keyed by auction id: the highest price among the auction's bids made
   * from its opening to its expiry, emitted by an event-time timer at the expiry. Bids that come
   * before their auction wait until the watermark passes their own time.
   */
  static final class WinningBids extends KeyedCoProcessFunction<Long, Auction, Bid, WinningBid> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Auction> auction;
    private transient ValueState<Long> highest;
    private transient ListState<Bid> early;

    @Override
    public void open(OpenContext openContext) {
      auction =
          getRuntimeContext().getState(new ValueStateDescriptor<>("auction", FlinkQueries.AUCTION));
      highest = getRuntimeContext().getState(new ValueStateDescriptor<>("highest", Types.LONG));
      early =
          getRuntimeContext().getListState(new ListStateDescriptor<>("early", FlinkQueries.BID));
    }

    @Override
    public void processElement1(Auction a, Context ctx, Collector<WinningBid> out)
        throws Exception {
      auction.update(a);
      Iterable<Bid> waiting = early.get();
      if (waiting != null) {
        for (Bid b : waiting) {
          offer(a, b);
        }
        early.clear();
      }
      ctx.timerService().registerEventTimeTimer(a.expires());
    }

    @Override
    public void processElement2(Bid b, Context ctx, Collector<WinningBid> out) throws Exception {
      Auction a = auction.value();
      if (a != null) {
        offer(a, b);
      } else {
        early.add(b);
        ctx.timerService().registerEventTimeTimer(b.dateTime());
      }
    }

    private void offer(Auction a, Bid b) throws Exception {
      if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
        Long best = highest.value();
        if (best == null || b.price() > best) {
          highest.update(b.price());
        }
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WinningBid> out)
        throws Exception {
      Auction a = auction.value();
      if (a == null) {
        List<Bid> keep = new ArrayList<>();
        Iterable<Bid> waiting = early.get();
        if (waiting != null) {
          for (Bid b : waiting) {
            if (b.dateTime() > timestamp) {
              keep.add(b);
            }
          }
        }
        early.update(keep);
      } else if (timestamp >= a.expires()) {
        Long best = highest.value();
        if (best != null) {
          out.collect(new WinningBid(a.id(), a.seller(), a.category(), a.expires(), best));
        }
        auction.clear();
        highest.clear();
        early.clear();
      }
    }
  }

  /** q4's second step, keyed by category: the running average winning price. */
  static final class CategoryAverages
      extends KeyedProcessFunction<Long, WinningBid, CategoryAverage> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<long[]> sumAndCount;

    @Override
    public void open(OpenContext openContext) {
      sumAndCount =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      "sum-count", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(WinningBid win, Context ctx, Collector<CategoryAverage> out)
        throws Exception {
      long[] totals = sumAndCount.value();
      if (totals == null) {
        totals = new long[2];
      }
      totals[0] += win.price();
      totals[1]++;
      sumAndCount.update(totals);
      out.collect(new CategoryAverage(win.category(), totals[0] / totals[1], totals[1]));
    }
  }

  /**
   * q6's second step, keyed by seller: closed auctions wait until the watermark passes their expiry
   * and are then taken in order of (expiry, auction id), so the result does not depend on the order
   * parallel upstream subtasks deliver them; each updates the average of the last 10 prices.
   */
  static final class SellerAverages extends KeyedProcessFunction<Long, WinningBid, SellerAverage> {
    private static final long serialVersionUID = 1L;
    private static final int LAST = 10;
    private static final Comparator<WinningBid> CLOSING_ORDER =
        Comparator.comparingLong(WinningBid::expires).thenComparingLong(WinningBid::auction);

    private transient ListState<WinningBid> pending;
    private transient ListState<Long> recent;

    @Override
    public void open(OpenContext openContext) {
      pending =
          getRuntimeContext()
              .getListState(
                  new ListStateDescriptor<>("pending", TypeInformation.of(WinningBid.class)));
      recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", Types.LONG));
    }

    @Override
    public void processElement(WinningBid win, Context ctx, Collector<SellerAverage> out)
        throws Exception {
      pending.add(win);
      ctx.timerService().registerEventTimeTimer(win.expires());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SellerAverage> out)
        throws Exception {
      List<WinningBid> ready = new ArrayList<>();
      List<WinningBid> later = new ArrayList<>();
      for (WinningBid win : pending.get()) {
        (win.expires() <= timestamp ? ready : later).add(win);
      }
      pending.update(later);
      ready.sort(CLOSING_ORDER);
      List<Long> prices = new ArrayList<>();
      Iterable<Long> old = recent.get();
      if (old != null) {
        old.forEach(prices::add);
      }
      for (WinningBid win : ready) {
        prices.add(win.price());
        if (prices.size() > LAST) {
          prices.remove(0);
        }
        long sum = 0;
        for (long p : prices) {
          sum += p;
        }
        out.collect(new SellerAverage(win.seller(), win.auction(), sum / prices.size()));
      }
      recent.update(prices);
    }
  }

  /** q5: counts a window's bids. */
  static final class CountBids implements AggregateFunction<Bid, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Bid bid, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** q5: labels a window's count with its auction and window end. */
  static final class LabelCount implements WindowFunction<Long, AuctionCount, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void apply(
        Long auction, TimeWindow window, Iterable<Long> counts, Collector<AuctionCount> out) {
      out.collect(new AuctionCount(auction, window.getEnd(), counts.iterator().next()));
    }
  }

  /** q5: of one window end's counts, emits those equal to the largest. */
  static final class MostBids
      extends ProcessWindowFunction<AuctionCount, HotItem, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
        Long windowEnd, Context context, Iterable<AuctionCount> counts, Collector<HotItem> out) {
      long max = 0;
      for (AuctionCount c : counts) {
        max = Math.max(max, c.bids());
      }
      for (AuctionCount c : counts) {
        if (c.bids() == max) {
          out.collect(new HotItem(c.windowEnd(), c.auction(), c.bids()));
        }
      }
    }
  }

  /**
   * q7's partial and final aggregate: the highest price of a group and its bids (all of them on a
   * tie). A Flink POJO (public fields, no-argument constructor) with a {@code Bid[]}, so Flink
   * serializes it without Kryo. Treated as immutable: {@link #merge} makes a new one.
   */
  public static final class TopBids {
    public long price = Long.MIN_VALUE;
    public Bid[] bids = new Bid[0];

    public TopBids() {}

    TopBids(long price, Bid[] bids) {
      this.price = price;
      this.bids = bids;
    }

    static TopBids merge(TopBids a, TopBids b) {
      if (a.price != b.price) {
        return a.price > b.price ? a : b;
      }
      Bid[] both = Arrays.copyOf(a.bids, a.bids.length + b.bids.length);
      System.arraycopy(b.bids, 0, both, a.bids.length, b.bids.length);
      return new TopBids(a.price, both);
    }
  }

  /** q7: the highest bids of an auction in a window. */
  static final class MaxBids implements AggregateFunction<Bid, TopBids, TopBids> {
    private static final long serialVersionUID = 1L;

    @Override
    public TopBids createAccumulator() {
      return new TopBids();
    }

    @Override
    public TopBids add(Bid bid, TopBids top) {
      if (bid.price() < top.price) {
        return top;
      }
      return TopBids.merge(top, new TopBids(bid.price(), new Bid[] {bid}));
    }

    @Override
    public TopBids getResult(TopBids top) {
      return top;
    }

    @Override
    public TopBids merge(TopBids a, TopBids b) {
      return TopBids.merge(a, b);
    }
  }

  /**
   * q8, keyed by person id = seller, per tumbling window: a person who opened at least one auction
   * in the window of their registration.
   */
  static final class NewUsers implements CoGroupFunction<Person, Auction, NewUser> {
    private static final long serialVersionUID = 1L;
    private final long windowMillis;

    NewUsers(long windowMillis) {
      this.windowMillis = windowMillis;
    }

    @Override
    public void coGroup(
        Iterable<Person> persons, Iterable<Auction> auctions, Collector<NewUser> out) {
      if (!auctions.iterator().hasNext()) {
        return;
      }
      for (Person p : persons) {
        out.collect(
            new NewUser(
                p.id(), p.name(), Math.floorDiv(p.dateTime(), windowMillis) * windowMillis));
      }
    }
  }
}
