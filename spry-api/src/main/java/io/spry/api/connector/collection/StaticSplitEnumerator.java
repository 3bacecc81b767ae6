package io.spry.api.connector.collection;

import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;

/**
 * Hands out a fixed set of splits, one per request, in order; a reader that asks when none is left
 * is told that no more will come. Splits given back after a failure are handed out again.
 *
 * <p>With a pinned subtask, every split goes to that subtask and all others end at once: this keeps
 * the order of a single split's records independent of which reader asks first.
 */
final class StaticSplitEnumerator<S extends SourceSplit> implements SplitEnumerator<S> {
  /** No pinning: a split goes to whichever reader asks. */
  static final int ANY_SUBTASK = -1;

  private final SplitEnumeratorContext<S> context;
  private final ArrayDeque<S> remaining;
  private final int pinnedSubtask;

  StaticSplitEnumerator(
      SplitEnumeratorContext<S> context, Collection<S> splits, int pinnedSubtask) {
    this.context = context;
    this.remaining = new ArrayDeque<>(splits);
    this.pinnedSubtask = pinnedSubtask;
  }

  @Override
  public void handleSplitRequest(int subtask) {
    S next = (pinnedSubtask == ANY_SUBTASK || pinnedSubtask == subtask) ? remaining.poll() : null;
    if (next != null) {
      context.assignSplit(next, subtask);
    } else {
      context.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public void addSplitsBack(List<S> splits, int subtask) {
    remaining.addAll(splits);
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    return io.spry.api.connector.source.SplitCodec.write(
        remaining, List.of(), context.splitSerializer());
  }
}
