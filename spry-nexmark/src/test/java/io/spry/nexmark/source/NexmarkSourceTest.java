package io.spry.nexmark.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.CloseableIterator;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.time.Clock;
import io.spry.nexmark.Query;
import io.spry.nexmark.generator.EventSplit;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.model.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NexmarkSourceTest {
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.DEFAULT
          .withNumEvents(9_999)
          .withNumEventGenerators(4)
          .withFirstEventRate(500);

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2, 3, 5})
  void readsEveryEventOnceWhateverTheParallelism(int parallelism) throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    List<Event> read = new ArrayList<>();
    try (CloseableIterator<Event> it =
        env.fromSource(new NexmarkSource(CONFIG), NexmarkSource.watermarks(), "nexmark")
            .executeAndCollect()) {
      it.forEachRemaining(read::add);
    }
    assertThat(counts(read)).isEqualTo(counts(drain(EventStream.of(CONFIG))));
  }

  @Test
  void aReaderGoesOnFromItsSnapshot() throws Exception {
    NexmarkSplitEnumeratorTestContext enumerator = new NexmarkSplitEnumeratorTestContext(2);
    new NexmarkSource(CONFIG).createEnumerator(enumerator).handleSplitRequest(1);
    assertThat(enumerator.assigned(1)).hasSize(2); // blocks 1 and 3
    assertThat(enumerator.noMoreSplits(1)).isTrue();

    List<Event> events = new ArrayList<>();
    NexmarkSourceReader first = reader(enumerator.assigned(1));
    Collecting out = new Collecting(events);
    assertThat(first.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(events).hasSize(NexmarkSourceReader.MAX_EVENTS_PER_POLL);
    List<NexmarkSplit> snapshot = first.snapshotState(1);

    NexmarkSourceReader second = reader(snapshot);
    while (second.pollNext(out) == InputStatus.MORE_AVAILABLE) {}
    List<Event> expected =
        drain(new EventStream(CONFIG, List.of(CONFIG.splits().get(1), CONFIG.splits().get(3))));
    assertThat(events).isEqualTo(expected);
    for (int i = 0; i < events.size(); i++) {
      assertThat(out.timestamps.get(i)).isEqualTo(events.get(i).dateTime());
    }
  }

  @Test
  void aReaderWithoutBlocksEnds() throws Exception {
    NexmarkSourceReader reader = reader(List.of());
    assertThat(reader.pollNext(new Collecting(new ArrayList<>())))
        .isEqualTo(InputStatus.END_OF_INPUT);
  }

  @Test
  void aPacedReaderWaitsForEventsThatAreNotDue() throws Exception {
    GeneratorConfig config = paced(WallClock.epochMillis() + 3_600_000);
    try (LatencyRun run = LatencyRun.open(Query.Q0, config, NexmarkSource.OUT_OF_ORDERNESS)) {
      NexmarkSourceReader reader = reader(config, run, config.splits());
      List<Event> events = new ArrayList<>();
      assertThat(reader.pollNext(new Collecting(events))).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(events).isEmpty();
      assertThat(run.result().achievedRate()).isNaN(); // not ended
    }
  }

  @Test
  void aPacedReaderEmitsOnlyWhatIsDue() throws Exception {
    // 10,000 events over 20 s of event time from a second ago: some are due, most are not
    GeneratorConfig config = paced(WallClock.epochMillis() - 1_000);
    try (LatencyRun run = LatencyRun.open(Query.Q0, config, NexmarkSource.OUT_OF_ORDERNESS)) {
      NexmarkSourceReader reader = reader(config, run, config.splits());
      List<Event> events = new ArrayList<>();
      InputStatus status;
      do {
        long before = WallClock.epochMillis();
        int from = events.size();
        status = reader.pollNext(new Collecting(events));
        long after = WallClock.epochMillis();
        for (Event e : events.subList(from, events.size())) {
          assertThat(e.dateTime()).isLessThanOrEqualTo(after);
        }
        if (status == InputStatus.NOTHING_AVAILABLE) {
          assertThat(events.size()).isLessThan(10_000);
          assertThat(config.timestampForEventNumber(events.size() / 4)).isGreaterThan(before);
        }
      } while (status == InputStatus.MORE_AVAILABLE);
      assertThat(status).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(events).isEqualTo(drain(EventStream.of(config)).subList(0, events.size()));
    }
  }

  @Test
  void aPacedReaderBehindItsScheduleEmitsEverythingAndReportsItsEnd() throws Exception {
    GeneratorConfig config = paced(WallClock.epochMillis() - 60_000);
    try (LatencyRun run = LatencyRun.open(Query.Q0, config, NexmarkSource.OUT_OF_ORDERNESS)) {
      NexmarkSourceReader reader = reader(config, run, config.splits());
      List<Event> events = new ArrayList<>();
      while (reader.pollNext(new Collecting(events)) == InputStatus.MORE_AVAILABLE) {}
      assertThat(events).isEqualTo(drain(EventStream.of(config)));
      assertThat(run.result().achievedRate()).isPositive().isFinite();
    }
  }

  /** 10,000 events in 4 blocks at 500 events/s (20 s of event time) from {@code baseTime}. */
  private static GeneratorConfig paced(long baseTime) {
    return CONFIG.withNumEvents(10_000).withBaseTime(baseTime);
  }

  private static NexmarkSourceReader reader(
      GeneratorConfig config, LatencyRun run, List<EventSplit> blocks) {
    NexmarkSourceReader reader = new NexmarkSourceReader(config, new Context(), run.id());
    reader.start();
    reader.addSplits(blocks.stream().map(NexmarkSplit::of).toList());
    reader.notifyNoMoreSplits();
    return reader;
  }

  private static NexmarkSourceReader reader(List<NexmarkSplit> splits) {
    NexmarkSourceReader reader = new NexmarkSourceReader(CONFIG, new Context());
    reader.start();
    reader.addSplits(splits);
    reader.notifyNoMoreSplits();
    return reader;
  }

  private static List<Event> drain(EventStream stream) {
    List<Event> events = new ArrayList<>();
    while (stream.hasNext()) {
      events.add(stream.next());
    }
    return events;
  }

  private static Map<Event, Integer> counts(List<Event> events) {
    Map<Event, Integer> counts = new HashMap<>();
    events.forEach(e -> counts.merge(e, 1, Integer::sum));
    return counts;
  }

  private static final class Context implements SourceReaderContext {
    @Override
    public int getIndexOfSubtask() {
      return 0;
    }

    @Override
    public int getParallelism() {
      return 1;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public Clock clock() {
      return Clock.system();
    }
  }

  private static final class Collecting implements ReaderOutput<Event> {
    final List<Event> events;
    final List<Long> timestamps = new ArrayList<>();

    Collecting(List<Event> events) {
      this.events = events;
    }

    @Override
    public void collect(Event record) {
      throw new AssertionError("Nexmark events carry their timestamps");
    }

    @Override
    public void collect(Event record, long timestamp) {
      events.add(record);
      timestamps.add(timestamp);
    }
  }
}
