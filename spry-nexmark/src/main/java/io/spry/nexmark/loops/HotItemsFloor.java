package io.spry.nexmark.loops;

import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.queries.Queries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What q5's first step must at least do at each slide, without any engine: how long one thread
 * takes to find a window's auctions with the most bids once the window has closed. In the latency
 * mode the event-time rate is the input rate, so a window holds the rate times 10 s of events; this
 * measures the time at such a rate, for three single-threaded layouts over primitive arrays, with
 * no records, queues or output:
 *
 * <ul>
 *   <li><b>panes</b> (the plain loop's, {@link HotItemsLoop}, with its {@link LongCounts}): a count
 *       map per slide-long pane; a window adds its panes into one map, then scans it for the
 *       maximum.
 *   <li><b>columns</b>: one map of auctions with a count column per pane of the window, the columns
 *       in a ring; a window is one sequential scan that adds up the columns of each slot.
 *   <li><b>windows</b>: a count map per window, which each bid increments in all five windows it
 *       falls in (five times the work per record); a window is a scan of its own map.
 * </ul>
 *
 * All must agree on every window's maximum and ties, or the run fails. Windows are measured from
 * the first one with a full set of panes up to the last that closes before the input ends.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp spry-cli/target/spry.jar io.spry.nexmark.loops.HotItemsFloor 916000 30
 * </pre>
 *
 * The arguments are the rate (events per second of event time) and the seconds of event time.
 */
public final class HotItemsFloor {
  private static final long EMPTY = Long.MIN_VALUE;

  private final long slide = Queries.HOT_SLIDE.toMillis();
  private final int panesPerWindow = (int) (Queries.HOT_WINDOW.toMillis() / slide);

  /**
   * One closed window.
   *
   * @param end the window's end, epoch milliseconds
   * @param auctions the auctions with bids in it
   * @param max the most bids of one auction
   * @param ties the auctions with {@code max} bids
   * @param panesNanos the time the pane layout took
   * @param columnsNanos the time the column layout took
   * @param windowsNanos the time the window layout took
   */
  public record Window(
      long end,
      long auctions,
      long max,
      long ties,
      long panesNanos,
      long columnsNanos,
      long windowsNanos) {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: HotItemsFloor <events per second> <seconds of event time>");
      System.exit(2);
    }
    double rate = Double.parseDouble(args[0]);
    long events = (long) (rate * Double.parseDouble(args[1]));
    List<Window> windows =
        measure(GeneratorConfig.DEFAULT.withFirstEventRate(rate).withNumEvents(events));
    System.out.printf(Locale.ROOT, "rate %.0f events/s, %d events%n", rate, events);
    System.out.println("auctions per window: " + windows.stream().map(Window::auctions).toList());
    System.out.println("panes merged, ms per window: " + millis(windows, Window::panesNanos));
    System.out.println("one scan of columns, ms:     " + millis(windows, Window::columnsNanos));
    System.out.println("the window's own map, ms:    " + millis(windows, Window::windowsNanos));
  }

  private static List<String> millis(
      List<Window> windows, java.util.function.ToLongFunction<Window> nanos) {
    return windows.stream()
        .map(w -> String.format(Locale.ROOT, "%.1f", nanos.applyAsLong(w) / 1e6))
        .toList();
  }

  /** Reads the events {@code config} makes and measures every full window that closes. */
  public static List<Window> measure(GeneratorConfig config) {
    return new HotItemsFloor().run(EventStream.of(config));
  }

  private List<Window> run(EventStream stream) {
    List<Window> windows = new ArrayList<>();
    TreeMap<Long, LongCounts> panes = new TreeMap<>();
    Columns columns = new Columns(panesPerWindow);
    TreeMap<Long, LongCounts> windowCounts = new TreeMap<>(); // by the pane the window ends before
    long pane = Long.MIN_VALUE;
    int panesSeen = 0;
    while (stream.hasNext()) {
      Event e = stream.next();
      if (!e.isBid()) {
        continue;
      }
      long p = Math.floorDiv(e.bid().dateTime(), slide);
      if (p != pane) {
        if (pane != Long.MIN_VALUE && ++panesSeen >= panesPerWindow) {
          windows.add(close(p, panes, columns, windowCounts));
        }
        if (pane != Long.MIN_VALUE) {
          columns.startPane(p);
        }
        pane = p;
      }
      long auction = e.bid().auction();
      panes.computeIfAbsent(p, k -> new LongCounts()).add(auction, 1);
      columns.add(p, auction);
      for (long end = p + 1; end <= p + panesPerWindow; end++) {
        windowCounts.computeIfAbsent(end, k -> new LongCounts()).add(auction, 1);
      }
    }
    return windows;
  }

  /** The window of the panes before {@code p} closes: every layout finds its maximum. */
  private Window close(
      long p,
      TreeMap<Long, LongCounts> panes,
      Columns columns,
      TreeMap<Long, LongCounts> windowCounts) {
    long t0 = System.nanoTime();
    LongCounts window = new LongCounts();
    for (LongCounts c : panes.subMap(p - panesPerWindow, p).values()) {
      window.addAll(c);
    }
    long[] byPanes = maxAndTies(window);
    long t1 = System.nanoTime();
    long[] byColumns = columns.maxAndTies();
    long t2 = System.nanoTime();
    long[] byWindow = maxAndTies(windowCounts.remove(p));
    long t3 = System.nanoTime();
    windowCounts.headMap(p).clear(); // windows that ended in a pane without bids
    if (!Arrays.equals(byPanes, byColumns) || !Arrays.equals(byPanes, byWindow)) {
      throw new IllegalStateException(
          "The layouts disagree on the window ending at "
              + p * slide
              + ": panes give {max, ties} "
              + Arrays.toString(byPanes)
              + ", columns "
              + Arrays.toString(byColumns)
              + ", the window's map "
              + Arrays.toString(byWindow));
    }
    panes.headMap(p - panesPerWindow + 1).clear();
    return new Window(p * slide, window.size(), byPanes[0], byPanes[1], t1 - t0, t2 - t1, t3 - t2);
  }

  /** {max, auctions with max} of a count map. */
  private static long[] maxAndTies(LongCounts counts) {
    long max = counts.max();
    return new long[] {max, counts.keysWith(max)};
  }

  /** One map of auctions; column {@code pane mod n} counts the bids of that pane. */
  private static final class Columns {
    final int n;
    long[] keys = emptyKeys(1024);
    long[][] columns;
    int size;

    Columns(int n) {
      this.n = n;
      this.columns = new long[n][1024];
    }

    void add(long pane, long auction) {
      int slot = slot(auction); // before the column is read: the slot may rebuild the columns
      columns[(int) Math.floorMod(pane, (long) n)][slot]++;
    }

    /** Pane {@code p} starts: its column, the oldest pane's, empties and dead auctions go. */
    void startPane(long p) {
      Arrays.fill(columns[(int) Math.floorMod(p, (long) n)], 0);
      rebuild(keys.length);
    }

    long[] maxAndTies() {
      if (n == 5) {
        return maxAndTiesOfFive();
      }
      long max = 0;
      for (int i = 0; i < keys.length; i++) {
        max = Math.max(max, sum(i));
      }
      long ties = 0;
      for (int i = 0; i < keys.length; i++) {
        if (max > 0 && sum(i) == max) {
          ties++;
        }
      }
      return new long[] {max, ties};
    }

    /** q5's case, 10 s windows of 2 s panes, unrolled: six sequential streams, nothing else. */
    private long[] maxAndTiesOfFive() {
      long[] c0 = columns[0];
      long[] c1 = columns[1];
      long[] c2 = columns[2];
      long[] c3 = columns[3];
      long[] c4 = columns[4];
      long max = 0;
      for (int i = 0; i < c0.length; i++) {
        max = Math.max(max, c0[i] + c1[i] + c2[i] + c3[i] + c4[i]);
      }
      long ties = 0;
      for (int i = 0; i < c0.length; i++) {
        if (max > 0 && c0[i] + c1[i] + c2[i] + c3[i] + c4[i] == max) {
          ties++;
        }
      }
      return new long[] {max, ties};
    }

    private long sum(int slot) {
      long sum = 0;
      for (long[] column : columns) {
        sum += column[slot];
      }
      return sum;
    }

    private int slot(long key) {
      if (2 * (size + 1) > keys.length) {
        rebuild(keys.length * 2);
      }
      int mask = keys.length - 1;
      int i = home(key, mask);
      while (keys[i] != EMPTY && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == EMPTY) {
        keys[i] = key;
        size++;
      }
      return i;
    }

    private void rebuild(int capacity) {
      long[] oldKeys = keys;
      long[][] old = columns;
      keys = emptyKeys(capacity);
      columns = new long[n][capacity];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] == EMPTY) {
          continue;
        }
        long sum = 0;
        for (long[] c : old) {
          sum += c[i];
        }
        if (sum > 0) {
          int j = slot(oldKeys[i]);
          for (int c = 0; c < n; c++) {
            columns[c][j] = old[c][i];
          }
        }
      }
    }
  }

  private static long[] emptyKeys(int capacity) {
    long[] keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    return keys;
  }

  private static int home(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }
}
