package io.spry.nexmark.source;

import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records what an enumerator assigns. */
final class NexmarkSplitEnumeratorTestContext implements SplitEnumeratorContext<NexmarkSplit> {
  private final int parallelism;
  private final Map<Integer, List<NexmarkSplit>> assigned = new HashMap<>();
  private final Set<Integer> ended = new HashSet<>();

  NexmarkSplitEnumeratorTestContext(int parallelism) {
    this.parallelism = parallelism;
  }

  List<NexmarkSplit> assigned(int subtask) {
    return assigned.getOrDefault(subtask, List.of());
  }

  boolean noMoreSplits(int subtask) {
    return ended.contains(subtask);
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public void assignSplit(NexmarkSplit split, int subtask) {
    assigned.computeIfAbsent(subtask, s -> new ArrayList<>()).add(split);
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    ended.add(subtask);
  }

  @Override
  public void callPeriodically(Runnable action, long periodMillis) {}

  @Override
  public Clock clock() {
    return Clock.system();
  }
}
