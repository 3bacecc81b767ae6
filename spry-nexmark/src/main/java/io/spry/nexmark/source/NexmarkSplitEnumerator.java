package io.spry.nexmark.source;

import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.nexmark.generator.EventSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each reader all of its blocks at once, on its first request, then tells it that no more
 * will come: block {@code i} goes to subtask {@code i mod parallelism}. A reader needs all its
 * blocks before it starts, to interleave them in event time.
 */
final class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit> {
  private final SplitEnumeratorContext<NexmarkSplit> context;
  private final Map<Integer, List<NexmarkSplit>> pending = new HashMap<>();

  NexmarkSplitEnumerator(SplitEnumeratorContext<NexmarkSplit> context, List<EventSplit> blocks) {
    this.context = context;
    int parallelism = context.currentParallelism();
    for (EventSplit block : blocks) {
      pending
          .computeIfAbsent(block.index() % parallelism, s -> new ArrayList<>())
          .add(NexmarkSplit.of(block));
    }
  }

  @Override
  public void handleSplitRequest(int subtask) {
    List<NexmarkSplit> splits = pending.remove(subtask);
    if (splits != null) {
      for (NexmarkSplit split : splits) {
        context.assignSplit(split, subtask);
      }
    }
    context.signalNoMoreSplits(subtask);
  }

  @Override
  public void addSplitsBack(List<NexmarkSplit> splits, int subtask) {
    pending.computeIfAbsent(subtask, s -> new ArrayList<>()).addAll(splits);
  }
}
