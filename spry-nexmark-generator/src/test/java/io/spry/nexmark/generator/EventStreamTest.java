package io.spry.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.nexmark.model.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT
          .withNumEvents(10_007)
          .withNumEventGenerators(4)
          .withFirstEventRate(1000);

  private static List<Event> drain(EventStream stream) {
    List<Event> events = new ArrayList<>();
    while (stream.hasNext()) {
      events.add(stream.next());
    }
    return events;
  }

  @Test
  void theNextTimestampIsTheNextEventsWithoutMakingIt() {
    // uneven blocks, and positions where block 2 is behind the others: it catches up first
    List<EventSplit> splits = CONFIG.splits();
    long[] positions = new long[splits.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = splits.get(i).firstEventId() + (i == 2 ? 3 : 40);
    }
    List<Event> expected = drain(new EventStream(CONFIG, splits, positions));
    EventStream stream = new EventStream(CONFIG, splits, positions);
    int n = 0;
    while (stream.hasNext()) {
      long peeked = stream.nextTimestamp();
      assertThat(stream.nextTimestamp()).isEqualTo(peeked); // peeking moves nothing
      Event event = stream.next();
      assertThat(event).isEqualTo(expected.get(n++)); // nor changes what comes
      assertThat(event.dateTime()).isEqualTo(peeked);
    }
    assertThat(n).isEqualTo(expected.size());
    assertThatThrownBy(stream::nextTimestamp).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void splitsAreContiguousBlocksThatCoverTheStream() {
    List<EventSplit> splits = CONFIG.splits();
    assertThat(splits).hasSize(4);
    long next = 0;
    for (EventSplit split : splits) {
      assertThat(split.firstEventId()).isEqualTo(next);
      assertThat(split.count()).isBetween(2501L, 2502L);
      next = split.endEventId();
    }
    assertThat(next).isEqualTo(CONFIG.numEvents());
    assertThat(GeneratorConfig.DEFAULT.withNumEvents(3).splits()).hasSize(3);
    assertThat(GeneratorConfig.DEFAULT.withNumEvents(0).splits()).isEmpty();
  }

  @Test
  void theStreamIsEveryEventOfEveryBlockOnce() {
    EventGenerator generator = new EventGenerator(CONFIG);
    Set<Event> expected = new HashSet<>();
    for (EventSplit split : CONFIG.splits()) {
      for (long id = split.firstEventId(); id < split.endEventId(); id++) {
        expected.add(generator.event(split, id));
      }
    }
    List<Event> events = drain(EventStream.of(CONFIG));
    assertThat(events).hasSize((int) CONFIG.numEvents());
    assertThat(new HashSet<>(events)).isEqualTo(expected);
  }

  @Test
  void blocksAdvanceInStepAndTimeNeverGoesBack() {
    List<Event> events = drain(EventStream.of(CONFIG));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).dateTime()).isGreaterThanOrEqualTo(events.get(i - 1).dateTime());
    }
    // Round r: the r-th event of each of the 4 blocks, all at base + r * 4 ms (1000 events/s).
    for (int r = 0; r < 2501; r++) {
      for (int b = 0; b < 4; b++) {
        assertThat(events.get(4 * r + b).dateTime()).isEqualTo(CONFIG.baseTime() + 4L * r);
      }
    }
    long span = events.get(events.size() - 1).dateTime() - CONFIG.baseTime();
    assertThat(span).isBetween(9_990L, 10_010L); // 10,007 events at 1,000 per second
  }

  @Test
  void theEventTimeRateDoesNotDependOnTheNumberOfBlocks() {
    for (int blocks : new int[] {1, 3, 100}) {
      GeneratorConfig config = CONFIG.withNumEventGenerators(blocks).withNumEvents(20_000);
      List<Event> events = drain(EventStream.of(config));
      long span = events.get(events.size() - 1).dateTime() - config.baseTime();
      assertThat(span).as("%d blocks", blocks).isBetween(19_800L, 20_000L);
    }
  }

  @Test
  void aStreamGoesOnFromItsPositions() {
    List<EventSplit> splits = CONFIG.splits().subList(1, 3);
    EventStream first = new EventStream(CONFIG, splits);
    List<Event> all = drain(new EventStream(CONFIG, splits));
    List<Event> prefix = new ArrayList<>();
    for (int i = 0; i < 777; i++) {
      prefix.add(first.next());
    }
    long[] positions = {first.nextEventId(0), first.nextEventId(1)};
    prefix.addAll(drain(new EventStream(CONFIG, splits, positions)));
    assertThat(prefix).isEqualTo(all);
    assertThat(all).hasSize((int) (splits.get(0).count() + splits.get(1).count()));
    EventStream ended = new EventStream(CONFIG, List.of());
    assertThatThrownBy(ended::next).isInstanceOf(NoSuchElementException.class);
  }
}
