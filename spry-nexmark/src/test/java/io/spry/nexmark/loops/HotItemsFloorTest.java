package io.spry.nexmark.loops;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.nexmark.Query;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.Queries;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The floor measurement finds, for every window it times, the same maximum and ties as q5's plain
 * loop, and the same number of auctions as a count of the bids' auctions per window.
 */
class HotItemsFloorTest {
  /** 40 s of event time: fifteen full windows close before the input ends. */
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT.withFirstEventRate(10_000).withNumEvents(400_000);

  @Test
  void everyTimedWindowMatchesTheLoopAndAnIndependentCount() {
    List<HotItemsFloor.Window> windows = HotItemsFloor.measure(CONFIG);

    Map<Long, Long> maxByEnd = new HashMap<>();
    Map<Long, Long> tiesByEnd = new HashMap<>();
    for (Object row : Loops.collect(Query.Q5, CONFIG)) {
      HotItem item = (HotItem) row;
      maxByEnd.put(item.windowEnd(), item.bids());
      tiesByEnd.merge(item.windowEnd(), 1L, Long::sum);
    }
    Map<Long, Set<Long>> auctionsByEnd = auctionsPerWindowEnd();

    assertThat(windows).hasSizeGreaterThanOrEqualTo(14);
    for (HotItemsFloor.Window w : windows) {
      assertThat(w.max())
          .as("max of the window ending at %d", w.end())
          .isEqualTo(maxByEnd.get(w.end()));
      assertThat(w.ties())
          .as("ties of the window ending at %d", w.end())
          .isEqualTo(tiesByEnd.get(w.end()));
      assertThat(w.auctions())
          .as("auctions of the window ending at %d", w.end())
          .isEqualTo(auctionsByEnd.get(w.end()).size());
      assertThat(w.panesNanos()).isPositive();
      assertThat(w.columnsNanos()).isPositive();
      assertThat(w.windowsNanos()).isPositive();
    }
  }

  /** For every window end, the auctions with a bid in the 10 s before it. */
  private static Map<Long, Set<Long>> auctionsPerWindowEnd() {
    long slide = Queries.HOT_SLIDE.toMillis();
    long size = Queries.HOT_WINDOW.toMillis();
    Map<Long, Set<Long>> byEnd = new HashMap<>();
    EventStream events = EventStream.of(CONFIG);
    while (events.hasNext()) {
      Event e = events.next();
      if (e.isBid()) {
        long t = e.bid().dateTime();
        long firstEnd = Math.floorDiv(t, slide) * slide + slide;
        for (long end = firstEnd; end <= t + size; end += slide) {
          if (t >= end - size) {
            byEnd.computeIfAbsent(end, k -> new HashSet<>()).add(e.bid().auction());
          }
        }
      }
    }
    return byEnd;
  }
}
