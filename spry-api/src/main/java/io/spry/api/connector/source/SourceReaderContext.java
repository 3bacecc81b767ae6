package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;

/** What a reader may see of its subtask. */
@Public
public interface SourceReaderContext {
  int getIndexOfSubtask();

  int getParallelism();

  /** Asks the enumerator for a split; it answers through {@link SourceReader#addSplits}. */
  void sendSplitRequest();

  Clock clock();
}
