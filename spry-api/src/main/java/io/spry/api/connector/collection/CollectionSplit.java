package io.spry.api.connector.collection;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.SourceSplit;
import java.io.Serializable;

/**
 * The single split of a {@link CollectionSource}: the index of the next element to emit. The
 * elements themselves travel with the source, so a checkpoint stores only the index.
 *
 * @param position the index of the next element to emit, from 0
 */
@Public
public record CollectionSplit(int position) implements SourceSplit, Serializable {
  static final String ID = "collection";

  public CollectionSplit {
    if (position < 0) {
      throw new IllegalArgumentException("A collection split's position must be >= 0: " + position);
    }
  }

  @Override
  public String splitId() {
    return ID;
  }
}
