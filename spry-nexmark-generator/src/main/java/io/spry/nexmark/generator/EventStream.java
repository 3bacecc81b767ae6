package io.spry.nexmark.generator;

import io.spry.nexmark.model.Event;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The events of some blocks of a stream, interleaved so that timestamps never decrease: round
 * {@code r} yields the {@code r}-th event of every block in block order, and all of those have the
 * same timestamp. {@code EventStream.of(config)} is the whole stream; a source subtask reads the
 * blocks it was given.
 *
 * <p>The position is the next event id of each block ({@link #nextEventId(int)}); a stream created
 * with positions goes on from them (a block that is behind catches up first).
 */
public final class EventStream {
  private final EventGenerator generator;
  private final List<EventSplit> splits;
  private final long[] first;
  private final long[] end;
  private final long[] next;
  private int live;
  private int cursor;
  private long round;

  /** All events of the stream {@code config} describes. */
  public static EventStream of(GeneratorConfig config) {
    return new EventStream(config, config.splits());
  }

  /** The events of {@code splits}, from their first ids. */
  public EventStream(GeneratorConfig config, List<EventSplit> splits) {
    this(config, splits, splits.stream().mapToLong(EventSplit::firstEventId).toArray());
  }

  /** The events of {@code splits}, block {@code i} from {@code nextEventIds[i]}. */
  public EventStream(GeneratorConfig config, List<EventSplit> splits, long[] nextEventIds) {
    if (nextEventIds.length != splits.size()) {
      throw new IllegalArgumentException(
          splits.size() + " blocks need as many positions, not " + nextEventIds.length);
    }
    this.generator = new EventGenerator(config);
    this.splits = List.copyOf(splits);
    int n = splits.size();
    this.first = new long[n];
    this.end = new long[n];
    this.next = nextEventIds.clone();
    this.round = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      EventSplit split = splits.get(i);
      first[i] = split.firstEventId();
      end[i] = split.endEventId();
      if (next[i] < first[i] || next[i] > end[i]) {
        throw new IllegalArgumentException("Position " + next[i] + " is outside block " + split);
      }
      if (next[i] < end[i]) {
        live++;
        round = Math.min(round, next[i] - first[i]);
      }
    }
  }

  public boolean hasNext() {
    return live > 0;
  }

  /** The next event; throws {@link NoSuchElementException} at the end. */
  public Event next() {
    while (live > 0) {
      if (cursor == next.length) {
        cursor = 0;
        round++;
        continue;
      }
      long id = next[cursor];
      long number = id - first[cursor];
      if (id < end[cursor] && number <= round) {
        if (++next[cursor] == end[cursor]) {
          live--;
        }
        return generator.event(id, number);
      }
      cursor++;
    }
    throw new NoSuchElementException("The stream has ended");
  }

  /**
   * The timestamp of the event {@link #next()} returns, without making it; throws {@link
   * NoSuchElementException} at the end.
   */
  public long nextTimestamp() {
    if (live == 0) {
      throw new NoSuchElementException("The stream has ended");
    }
    int c = cursor;
    long r = round;
    while (true) {
      if (c == next.length) {
        c = 0;
        r++;
        continue;
      }
      long number = next[c] - first[c];
      if (next[c] < end[c] && number <= r) {
        return generator.config().timestampForEventNumber(number);
      }
      c++;
    }
  }

  public List<EventSplit> splits() {
    return splits;
  }

  /** The id of the next event of block {@code i} (of {@link #splits()}); its end when done. */
  public long nextEventId(int i) {
    return next[i];
  }
}
