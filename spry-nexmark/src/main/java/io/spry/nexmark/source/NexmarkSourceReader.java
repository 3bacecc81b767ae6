package io.spry.nexmark.source;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.nexmark.generator.EventSplit;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.model.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the events of its blocks, interleaved so that its timestamps never decrease (see {@link
 * EventStream}), at most {@value #MAX_EVENTS_PER_POLL} per poll, each with its event time. Never
 * blocks; waits (NOTHING_AVAILABLE) until the enumerator has given it all its blocks.
 *
 * <p>Paced (a latency run): emits only the events whose timestamp the {@link WallClock} has
 * reached, and says NOTHING_AVAILABLE when none is due.
 */
final class NexmarkSourceReader implements SourceReader<Event, NexmarkSplit> {
  static final int MAX_EVENTS_PER_POLL = 1000;

  private final GeneratorConfig config;
  private final SourceReaderContext context;
  private final String latencyRunId; // null: unpaced
  private final List<NexmarkSplit> assigned = new ArrayList<>();
  private boolean noMoreSplits;
  private EventStream stream; // null until all blocks are here

  NexmarkSourceReader(GeneratorConfig config, SourceReaderContext context) {
    this(config, context, null);
  }

  NexmarkSourceReader(GeneratorConfig config, SourceReaderContext context, String latencyRunId) {
    this.config = config;
    this.context = context;
    this.latencyRunId = latencyRunId;
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<Event> output) {
    if (stream == null) {
      if (!noMoreSplits) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      stream = open();
    }
    EventStream events = stream;
    if (latencyRunId != null) {
      return pollPaced(events, output);
    }
    for (int i = 0; i < MAX_EVENTS_PER_POLL && events.hasNext(); i++) {
      Event event = events.next();
      output.collect(event, event.dateTime());
    }
    return events.hasNext() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
  }

  private InputStatus pollPaced(EventStream events, ReaderOutput<Event> output) {
    long now = WallClock.epochMillis();
    int emitted = 0;
    while (emitted < MAX_EVENTS_PER_POLL && events.hasNext()) {
      if (events.nextTimestamp() > now) {
        return emitted > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
      }
      Event event = events.next();
      output.collect(event, event.dateTime());
      emitted++;
    }
    if (events.hasNext()) {
      return InputStatus.MORE_AVAILABLE;
    }
    LatencyRun.get(latencyRunId).sourceEnded(WallClock.epochNanos());
    return InputStatus.END_OF_INPUT;
  }

  private EventStream open() {
    List<EventSplit> blocks = new ArrayList<>(assigned.size());
    long[] positions = new long[assigned.size()];
    for (int i = 0; i < positions.length; i++) {
      blocks.add(assigned.get(i).block());
      positions[i] = assigned.get(i).nextEventId();
    }
    return new EventStream(config, blocks, positions);
  }

  @Override
  public void addSplits(List<NexmarkSplit> splits) {
    if (stream != null) {
      throw new IllegalStateException(
          "Nexmark blocks arrived after reading had started: " + splits);
    }
    assigned.addAll(splits);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    if (stream == null) {
      return List.copyOf(assigned);
    }
    List<NexmarkSplit> state = new ArrayList<>();
    List<EventSplit> blocks = stream.splits();
    for (int i = 0; i < blocks.size(); i++) {
      long next = stream.nextEventId(i);
      if (next < blocks.get(i).endEventId()) {
        state.add(new NexmarkSplit(blocks.get(i), next));
      }
    }
    return state;
  }
}
