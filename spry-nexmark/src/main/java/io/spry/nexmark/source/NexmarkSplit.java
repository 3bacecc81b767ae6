package io.spry.nexmark.source;

import io.spry.api.connector.source.SourceSplit;
import io.spry.nexmark.generator.EventSplit;
import java.io.Serializable;

/**
 * A block of Nexmark events and the reader's position in it.
 *
 * @param block the event ids of the block
 * @param nextEventId the id of the next event to read; {@code block.endEventId()} when done
 */
public record NexmarkSplit(EventSplit block, long nextEventId)
    implements SourceSplit, Serializable {

  public NexmarkSplit {
    if (nextEventId < block.firstEventId() || nextEventId > block.endEventId()) {
      throw new IllegalArgumentException("Position " + nextEventId + " is outside " + block);
    }
  }

  /** A block, from its start. */
  public static NexmarkSplit of(EventSplit block) {
    return new NexmarkSplit(block, block.firstEventId());
  }

  @Override
  public String splitId() {
    return "nexmark-" + block.index();
  }
}
