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

  /**
   * What the enumerator needs to go on after a restore (typically the splits not assigned yet), for
   * {@link Source#restoreEnumerator}. Called by the engine at each checkpoint, before any reader
   * takes its part: splits assigned after this call are not in any reader's part of the checkpoint,
   * so they must be in this one. {@link SplitCodec} writes lists of splits.
   */
  default byte[] snapshotState(long checkpointId) throws Exception {
    throw new UnsupportedOperationException(
        "Split enumerator "
            + getClass().getName()
            + " cannot take part in checkpoints: it does not implement"
            + " SplitEnumerator.snapshotState");
  }

  @Override
  default void close() throws Exception {}
}
