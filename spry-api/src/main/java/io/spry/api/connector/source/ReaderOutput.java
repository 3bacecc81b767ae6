package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/**
 * Where a source reader emits records.
 *
 * <p>Records emitted here share one watermark generator. A reader with several splits whose event
 * times advance independently (files, Kafka partitions) should emit each split's records through
 * {@link #createOutputForSplit}: each split then has a watermark generator and an idleness timer of
 * its own, and the source's watermark is the minimum over its active splits, so a fast split cannot
 * make a slow one's records late.
 */
@Public
public interface ReaderOutput<T> extends SourceOutput<T> {

  /**
   * The output of one split, with watermarks of its own. Calling it again for the same split
   * returns the same output. (The default, for outputs without per-split watermarks, is this output
   * itself.)
   */
  default SourceOutput<T> createOutputForSplit(String splitId) {
    return this;
  }

  /** The split is finished: its watermark no longer holds the source back. */
  default void releaseOutputForSplit(String splitId) {}
}
