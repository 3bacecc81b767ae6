package io.spry.api.connector.testing;

import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what an enumerator does. Assignments and no-more-splits signals wait in queues until a
 * test (or {@link SourceHarness}) delivers them; periodic actions run only when asked to.
 */
public final class TestEnumeratorContext<S extends SourceSplit>
    implements SplitEnumeratorContext<S> {
  private final int parallelism;
  private final Clock clock;
  private final Map<Integer, List<S>> undelivered = new LinkedHashMap<>();
  private final Set<Integer> noMoreUndelivered = new HashSet<>();
  private final Set<Integer> noMoreSignalled = new HashSet<>();
  private final List<Assignment<S>> history = new ArrayList<>();
  public final List<Runnable> periodicActions = new ArrayList<>();
  public final List<Long> periods = new ArrayList<>();

  /** A split given to a subtask. */
  public record Assignment<S>(S split, int subtask) {}

  public TestEnumeratorContext(int parallelism, Clock clock) {
    this.parallelism = parallelism;
    this.clock = clock;
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public void assignSplit(S split, int subtask) {
    if (noMoreSignalled.contains(subtask)) {
      throw new AssertionError("Split " + split + " assigned to " + subtask + " after no-more");
    }
    undelivered.computeIfAbsent(subtask, k -> new ArrayList<>()).add(split);
    history.add(new Assignment<>(split, subtask));
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    noMoreSignalled.add(subtask);
    noMoreUndelivered.add(subtask);
  }

  @Override
  public void callPeriodically(Runnable action, long periodMillis) {
    periodicActions.add(action);
    periods.add(periodMillis);
  }

  public void runPeriodicActions() {
    periodicActions.forEach(Runnable::run);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Takes the splits assigned to {@code subtask} since the last call. */
  public List<S> takeAssigned(int subtask) {
    List<S> splits = undelivered.remove(subtask);
    return splits == null ? List.of() : splits;
  }

  /** True once, when {@code subtask} was told no more splits come and it was not yet delivered. */
  public boolean takeNoMore(int subtask) {
    return noMoreUndelivered.remove(subtask);
  }

  public boolean noMoreSignalled(int subtask) {
    return noMoreSignalled.contains(subtask);
  }

  public List<Assignment<S>> history() {
    return history;
  }
}
