package io.spry.api.connector.datagen;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.SourceSplit;
import java.io.Serializable;
import java.util.Objects;

/**
 * A contiguous block of a {@link DataGeneratorSource}'s indices: {@code next} (the reader's
 * position, the next index to generate) up to {@code end}, exclusive. A split is never empty.
 *
 * @param splitId unique within the source
 * @param next the next index to generate
 * @param end the end of the block, exclusive
 */
@Public
public record DataGeneratorSplit(String splitId, long next, long end)
    implements SourceSplit, Serializable {

  public DataGeneratorSplit {
    Objects.requireNonNull(splitId, "splitId");
    if (next < 0 || next >= end) {
      throw new IllegalArgumentException(
          "A generator split needs 0 <= next < end, not next = " + next + ", end = " + end);
    }
  }
}
