package io.spry.api.connector.collection;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.SourceSplit;
import java.io.Serializable;
import java.util.Objects;

/**
 * A contiguous range of a {@link NumberSequenceSource}: the numbers from {@code next} to {@code
 * last}, both inclusive. {@code next} is the reader's position: the next number to emit. A split
 * always holds at least one number; a reader drops it once {@code last} is emitted.
 *
 * @param splitId unique within the source
 * @param next the next number to emit
 * @param last the last number of the range, inclusive
 */
@Public
public record NumberSequenceSplit(String splitId, long next, long last)
    implements SourceSplit, Serializable {

  public NumberSequenceSplit {
    Objects.requireNonNull(splitId, "splitId");
    if (next > last) {
      throw new IllegalArgumentException(
          "A sequence split must not be empty: next (" + next + ") > last (" + last + ")");
    }
  }
}
