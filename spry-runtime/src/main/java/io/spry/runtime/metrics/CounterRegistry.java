package io.spry.runtime.metrics;

import io.spry.api.metrics.Counter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The job's counters. Each subtask gets its own {@link Counter} objects (written by its thread
 * only, without synchronisation); {@link #snapshot()} sums them by name. Read the sums after the
 * job's threads ended (the job's completion publishes their writes), or accept slightly stale
 * values while it runs.
 */
public final class CounterRegistry {
  private final Map<String, CopyOnWriteArrayList<SimpleCounter>> counters =
      new ConcurrentHashMap<>();

  /** A new counter for one subtask, summed with the other subtasks' under {@code name}. */
  public Counter counter(String name) {
    SimpleCounter c = new SimpleCounter();
    counters.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(c);
    return c;
  }

  /** The sums by name, sorted by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach(
        (name, list) -> out.put(name, list.stream().mapToLong(SimpleCounter::getCount).sum()));
    return out;
  }

  /** A counter owned by one thread. */
  static final class SimpleCounter implements Counter {
    private long count;

    @Override
    public void inc() {
      count++;
    }

    @Override
    public void inc(long n) {
      count += n;
    }

    @Override
    public long getCount() {
      return count;
    }
  }
}
