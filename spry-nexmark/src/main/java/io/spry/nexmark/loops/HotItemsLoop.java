package io.spry.nexmark.loops;

import io.spry.nexmark.model.Event;
import io.spry.nexmark.queries.HotItem;
import io.spry.nexmark.queries.Queries;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * q5 on panes: bids are counted once per auction in their slide-long pane; when time leaves a pane,
 * each window that has just ended is the sum of its panes, and its auctions with the most bids are
 * emitted.
 */
final class HotItemsLoop implements Loops.QueryLoop {
  private final long slide = Queries.HOT_SLIDE.toMillis();
  private final int panesPerWindow = (int) (Queries.HOT_WINDOW.toMillis() / slide);
  private final TreeMap<Long, LongCounts> panes = new TreeMap<>();
  private long pane = Long.MIN_VALUE; // the current pane's index; MIN before the first bid

  @Override
  public void onEvent(Event event, Consumer<Object> out) {
    if (!event.isBid()) {
      return;
    }
    long p = Math.floorDiv(event.bid().dateTime(), slide);
    if (p != pane) {
      if (pane != Long.MIN_VALUE) {
        emitWindowsEndingUpTo(p, out);
      }
      pane = p;
    }
    panes.computeIfAbsent(p, k -> new LongCounts()).add(event.bid().auction(), 1);
  }

  @Override
  public void onEnd(Consumer<Object> out) {
    if (pane != Long.MIN_VALUE) {
      emitWindowsEndingUpTo(pane + panesPerWindow, out);
    }
  }

  /** Emits the windows ending after the current pane, up to the start of pane {@code last}. */
  private void emitWindowsEndingUpTo(long last, Consumer<Object> out) {
    long upTo = Math.min(last, panes.lastKey() + panesPerWindow);
    for (long end = pane + 1; end <= upTo; end++) {
      LongCounts window = new LongCounts();
      for (LongCounts counts : panes.subMap(end - panesPerWindow, end).values()) {
        window.addAll(counts);
      }
      if (!window.isEmpty()) {
        long max = window.max();
        long windowEnd = end * slide;
        window.forEach(
            (auction, count) -> {
              if (count == max) {
                out.accept(new HotItem(windowEnd, auction, count));
              }
            });
      }
    }
    panes.headMap(last - panesPerWindow + 1).clear();
  }
}
