package io.spry.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spry.nexmark.model.Auction;
import io.spry.nexmark.model.Bid;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.model.Person;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
  private static final GeneratorConfig CONFIG = GeneratorConfig.DEFAULT.withNumEvents(100_000);

  private static List<Event> whole(GeneratorConfig config) {
    List<Event> events = new ArrayList<>();
    EventGenerator generator = new EventGenerator(config);
    for (long id = 0; id < config.numEvents(); id++) {
      events.add(generator.event(id, id));
    }
    return events;
  }

  @Test
  void typesFollowTheOneThreeFortySixCycle() {
    List<Event> events = whole(CONFIG);
    assertThat(events.stream().filter(Event::isPerson)).hasSize(2_000);
    assertThat(events.stream().filter(Event::isAuction)).hasSize(6_000);
    assertThat(events.stream().filter(Event::isBid)).hasSize(92_000);
    EventGenerator generator = new EventGenerator(CONFIG);
    for (int id = 0; id < 200; id++) {
      assertThat(events.get(id).type()).isEqualTo(generator.typeOf(id));
      Event.Type expected =
          id % 50 == 0 ? Event.Type.PERSON : id % 50 < 4 ? Event.Type.AUCTION : Event.Type.BID;
      assertThat(events.get(id).type()).as("event %d", id).isEqualTo(expected);
    }
  }

  @Test
  void personAndAuctionIdsCountUpFromOneThousand() {
    List<Event> events = whole(CONFIG);
    long nextPerson = 1000;
    long nextAuction = 1000;
    for (Event e : events) {
      if (e.isPerson()) {
        assertThat(e.person().id()).isEqualTo(nextPerson++);
      } else if (e.isAuction()) {
        Auction a = e.auction();
        assertThat(a.id()).isEqualTo(nextAuction++);
        assertThat(a.category()).isBetween(10L, 14L);
        assertThat(a.seller()).isBetween(1000L, nextPerson - 1 + EventGenerator.PERSON_ID_LEAD);
        assertThat(a.expires()).isGreaterThan(a.dateTime());
        assertThat(a.reserve()).isGreaterThanOrEqualTo(a.initialBid());
      } else {
        Bid b = e.bid();
        assertThat(b.auction())
            .isBetween(
                Math.max(1000, nextAuction - 1 - CONFIG.numInFlightAuctions()),
                nextAuction - 1 + EventGenerator.AUCTION_ID_LEAD);
        assertThat(b.bidder()).isBetween(1000L, nextPerson - 1 + EventGenerator.PERSON_ID_LEAD);
      }
    }
    assertThat(nextPerson).isEqualTo(3000);
    assertThat(nextAuction).isEqualTo(7000);
  }

  @Test
  void hotKeysGetTheirShare() {
    EventGenerator generator = new EventGenerator(CONFIG);
    long bids = 0;
    long hotAuction = 0;
    long hotBidder = 0;
    long auctions = 0;
    long hotSeller = 0;
    for (long id = 0; id < CONFIG.numEvents(); id++) {
      Event e = generator.event(id, id);
      long lastAuction = 1000 + generator.lastBase0AuctionId(id);
      long lastPerson = generator.lastBase0PersonId(id);
      if (e.isBid()) {
        bids++;
        hotAuction += e.bid().auction() == 1000 + (lastAuction - 1000) / 100 * 100 ? 1 : 0;
        hotBidder += e.bid().bidder() == 1000 + lastPerson / 100 * 100 + 1 ? 1 : 0;
      } else if (e.isAuction()) {
        auctions++;
        hotSeller += e.auction().seller() == 1000 + lastPerson / 100 * 100 ? 1 : 0;
      }
    }
    // Hot with 1 - 1/ratio; a cold draw hits the hot key now and then as well.
    assertThat((double) hotAuction / bids).isCloseTo(0.5, within(0.03));
    assertThat((double) hotBidder / bids).isCloseTo(0.75, within(0.03));
    assertThat((double) hotSeller / auctions).isCloseTo(0.75, within(0.03));
  }

  @Test
  void theSameIdGivesTheSameEvent() {
    EventGenerator one = new EventGenerator(CONFIG);
    EventGenerator two = new EventGenerator(CONFIG);
    List<Event> forward = new ArrayList<>();
    for (long id = 0; id < 500; id++) {
      forward.add(one.event(id, id));
    }
    for (long id = 499; id >= 0; id--) {
      assertThat(two.event(id, id)).isEqualTo(forward.get((int) id));
    }
    assertThat(one.event(12_345, 7)).isEqualTo(two.event(12_345, 7));
  }

  @Test
  void pricesAreLogUniformFromOneToAMillionDollars() {
    int[] decades = new int[6];
    int n = 0;
    for (Event e : whole(CONFIG)) {
      if (e.isBid()) {
        long price = e.bid().price();
        assertThat(price).isBetween(100L, 100_000_000L);
        decades[Math.min(5, (int) Math.floor(Math.log10(price / 100.0)))]++;
        n++;
      }
    }
    for (int d = 0; d < 6; d++) {
      assertThat((double) decades[d] / n).as("decade %d", d).isCloseTo(1 / 6.0, within(0.01));
    }
  }

  @Test
  void recordsAverageTheirConfiguredSizes() {
    double person = 0;
    double auction = 0;
    double bid = 0;
    List<Event> events = whole(CONFIG);
    for (Event e : events) {
      switch (e.type()) {
        case PERSON -> person += e.person().sizeInBytes();
        case AUCTION -> auction += e.auction().sizeInBytes();
        case BID -> bid += e.bid().sizeInBytes();
      }
    }
    assertThat(person / 2_000).isCloseTo(200, within(10.0));
    assertThat(auction / 6_000).isCloseTo(500, within(25.0));
    assertThat(bid / 92_000).isCloseTo(100, within(5.0));
  }

  @Test
  void peopleComeFromTheStandardPools() {
    for (Event e : whole(CONFIG.withNumEvents(5_000))) {
      if (e.isPerson()) {
        Person p = e.person();
        assertThat(Pools.NAMES).contains(p.name());
        assertThat(Pools.CITIES).contains(p.city());
        assertThat(Pools.STATES).contains(p.state());
        assertThat(p.creditCard()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        assertThat(p.emailAddress()).matches("[a-z ]+@[a-z ]+\\.com");
      }
    }
  }
}
