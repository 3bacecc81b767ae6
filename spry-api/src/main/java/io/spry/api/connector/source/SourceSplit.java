package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/**
 * A part of a source's input that one reader reads in order: a file, a range of numbers, a Kafka
 * partition. A split carries its reader's position, so that a checkpoint can store it and a restore
 * can resume from it.
 */
@Public
public interface SourceSplit {
  /** Unique within the source. */
  String splitId();
}
