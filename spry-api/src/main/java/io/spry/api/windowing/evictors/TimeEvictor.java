package io.spry.api.windowing.evictors;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.internal.DurationChecks;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;
import java.util.Iterator;

/**
 * Keeps the records whose timestamp is within {@code windowSize} of the window's newest record:
 * evicts those with {@code timestamp <= max timestamp - windowSize}. Does nothing when the records
 * have no timestamps.
 */
@Public
public final class TimeEvictor<W extends Window> implements Evictor<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long windowSize;
  private final boolean doEvictAfter;

  private TimeEvictor(long windowSize, boolean doEvictAfter) {
    this.windowSize = windowSize;
    this.doEvictAfter = doEvictAfter;
  }

  /** Evicts before the window function runs. */
  public static <W extends Window> TimeEvictor<W> of(Duration windowSize) {
    return of(windowSize, false);
  }

  /** Evicts after the window function runs when {@code doEvictAfter}, else before. */
  public static <W extends Window> TimeEvictor<W> of(Duration windowSize, boolean doEvictAfter) {
    return new TimeEvictor<>(
        DurationChecks.positiveMillis(windowSize, "TimeEvictor.of(" + windowSize + ")", "size"),
        doEvictAfter);
  }

  @Override
  public void evictBefore(
      Iterable<TimestampedValue<Object>> elements, int size, W window, EvictorContext ctx) {
    if (!doEvictAfter) {
      evict(elements);
    }
  }

  @Override
  public void evictAfter(
      Iterable<TimestampedValue<Object>> elements, int size, W window, EvictorContext ctx) {
    if (doEvictAfter) {
      evict(elements);
    }
  }

  private void evict(Iterable<TimestampedValue<Object>> elements) {
    Iterator<TimestampedValue<Object>> first = elements.iterator();
    if (!first.hasNext() || !first.next().hasTimestamp()) {
      return;
    }
    long max = Long.MIN_VALUE;
    for (TimestampedValue<Object> e : elements) {
      max = Math.max(max, e.getTimestamp());
    }
    long cutoff = max - windowSize;
    for (Iterator<TimestampedValue<Object>> it = elements.iterator(); it.hasNext(); ) {
      if (it.next().getTimestamp() <= cutoff) {
        it.remove();
      }
    }
  }

  @Override
  public String toString() {
    return "TimeEvictor(" + windowSize + "ms" + (doEvictAfter ? ", after" : "") + ")";
  }
}
