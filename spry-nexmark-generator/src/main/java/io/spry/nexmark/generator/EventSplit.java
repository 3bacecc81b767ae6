package io.spry.nexmark.generator;

import java.io.Serializable;

/**
 * One block of a Nexmark stream: the event ids {@code firstEventId .. firstEventId + count - 1}.
 * The event with id {@code firstEventId + n} is the block's {@code n}-th event and has the
 * timestamp {@link GeneratorConfig#timestampForEventNumber(long) timestampForEventNumber(n)}, so
 * all blocks of a stream advance in event time together.
 *
 * @param index the block's place among the stream's blocks, from 0
 * @param firstEventId the first id of the block
 * @param count the number of events in the block
 */
public record EventSplit(int index, long firstEventId, long count) implements Serializable {

  public EventSplit {
    if (index < 0 || firstEventId < 0 || count < 0) {
      throw new IllegalArgumentException(
          "A block needs index, first id and count >= 0: "
              + index
              + ", "
              + firstEventId
              + ", "
              + count);
    }
  }

  /** The id after the last one. */
  public long endEventId() {
    return firstEventId + count;
  }

  /** The event number (position in the block, from 0) of an id of this block. */
  public long eventNumber(long eventId) {
    return eventId - firstEventId;
  }
}
