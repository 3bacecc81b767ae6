package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import java.util.List;

/**
 * Discovers a source's splits and assigns them to readers. There is one enumerator per source,
 * running in the coordinator; the engine calls it from one thread at a time.
 */
@Public
public interface SplitEnumerator<S extends SourceSplit> extends AutoCloseable {

  /**
   * Called once; an enumerator that discovers splits over time registers its periodic work here.
   */
  default void start() {}

  /** A reader asked for a split: assign one, or signal that there are no more. */
  void handleSplitRequest(int subtask);

  /** Splits that a failed reader had not finished, to assign again. */
  default void addSplitsBack(List<S> splits, int subtask) {}

  @Override
  default void close() throws Exception {}
}
