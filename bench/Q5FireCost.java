import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The least work q5 does at each slide, without any engine: how long one thread takes to find the
 * auctions with the most bids in a 10 s window (sliding by 2 s) when the event-time rate is the
 * latency mode's input rate. It is a floor under q5's latency at that rate, since every engine must
 * do at least this after the watermark closes the window and before the row exists.
 *
 * <p>Two layouts, both over primitive arrays, without records, queues or output:
 *
 * <ul>
 *   <li><b>panes</b>: a count map per 2 s pane (the plain loop's layout); a window adds its five
 *       panes into one map, then scans it for the maximum.
 *   <li><b>columns</b>: one map of auctions with five count columns, one per pane in a ring; a
 *       window is one sequential scan that adds the five columns of each slot.
 * </ul>
 *
 * Run from the checkout, after {@code ./mvnw -pl spry-cli -am package -DskipTests}:
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp spry-cli/target/spry.jar bench/Q5FireCost.java 916000 30
 * </pre>
 *
 * The arguments are the rate in events per second and the seconds of event time to generate. Both
 * layouts must agree on every window's maximum and its number of auctions; a mismatch fails.
 */
public final class Q5FireCost {
  private static final long EMPTY = Long.MIN_VALUE;
  private static final long SLIDE_MS = 2000;
  private static final int PANES = 5;

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: Q5FireCost <events per second> <seconds of event time>");
      System.exit(2);
    }
    double rate = Double.parseDouble(args[0]);
    long events = (long) (rate * Double.parseDouble(args[1]));
    EventStream stream =
        EventStream.of(GeneratorConfig.DEFAULT.withFirstEventRate(rate).withNumEvents(events));
    TreeMap<Long, Counts> panes = new TreeMap<>();
    Columns columns = new Columns();
    long pane = Long.MIN_VALUE;
    int panesSeen = 0;
    List<Integer> keys = new ArrayList<>();
    List<String> paneMillis = new ArrayList<>();
    List<String> columnMillis = new ArrayList<>();
    while (stream.hasNext()) {
      Event e = stream.next();
      if (!e.isBid()) {
        continue;
      }
      long p = Math.floorDiv(e.bid().dateTime(), SLIDE_MS);
      if (p != pane) {
        if (pane != Long.MIN_VALUE && ++panesSeen >= PANES) {
          // the window of the last five panes closes
          long t0 = System.nanoTime();
          Counts window = new Counts();
          for (Counts c : panes.tailMap(p - PANES, true).values()) {
            c.addTo(window);
          }
          long[] byPanes = window.maxAndTies();
          long t1 = System.nanoTime();
          long[] byColumns = columns.maxAndTies();
          long t2 = System.nanoTime();
          if (!Arrays.equals(byPanes, byColumns)) {
            throw new AssertionError(
                "window ending at pane " + p + ": panes " + Arrays.toString(byPanes) + ", columns "
                    + Arrays.toString(byColumns));
          }
          keys.add(window.size);
          paneMillis.add(millis(t1 - t0));
          columnMillis.add(millis(t2 - t1));
          panes.headMap(p - PANES + 1).clear();
        }
        if (pane != Long.MIN_VALUE) {
          columns.startPane(p);
        }
        pane = p;
      }
      long auction = e.bid().auction();
      panes.computeIfAbsent(p, k -> new Counts()).add(auction, 1);
      columns.add(p, auction);
    }
    System.out.printf(Locale.ROOT, "rate %.0f events/s, %d events%n", rate, events);
    System.out.println("auctions per window: " + keys);
    System.out.println("panes merged, ms per window:  " + paneMillis);
    System.out.println("one scan of columns, ms:      " + columnMillis);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  /** Counts per auction, open addressing with linear probing. */
  private static final class Counts {
    long[] keys = emptyKeys(64);
    long[] counts = new long[64];
    int size;

    void add(long key, long n) {
      if (2 * (size + 1) > keys.length) {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = emptyKeys(oldKeys.length * 2);
        counts = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != EMPTY) {
            add(oldKeys[i], oldCounts[i]);
          }
        }
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
      counts[i] += n;
    }

    void addTo(Counts into) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != EMPTY) {
          into.add(keys[i], counts[i]);
        }
      }
    }

    /** {max, auctions with max}. */
    long[] maxAndTies() {
      long max = 0;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != EMPTY) {
          max = Math.max(max, counts[i]);
        }
      }
      long ties = 0;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != EMPTY && counts[i] == max) {
          ties++;
        }
      }
      return new long[] {max, ties};
    }
  }

  /** One map of auctions; column {@code pane mod 5} counts the bids of that pane. */
  private static final class Columns {
    long[] keys = emptyKeys(1024);
    long[][] columns = new long[PANES][1024];
    int size;

    void add(long pane, long auction) {
      int slot = slot(auction);
      columns[(int) Math.floorMod(pane, (long) PANES)][slot]++;
    }

    /** Pane {@code p} starts: its column, the oldest pane's, is emptied and dead keys dropped. */
    void startPane(long p) {
      Arrays.fill(columns[(int) Math.floorMod(p, (long) PANES)], 0);
      rebuild(keys.length);
    }

    long[] maxAndTies() {
      long[] c0 = columns[0];
      long[] c1 = columns[1];
      long[] c2 = columns[2];
      long[] c3 = columns[3];
      long[] c4 = columns[4];
      long max = 0;
      for (int i = 0; i < keys.length; i++) {
        max = Math.max(max, c0[i] + c1[i] + c2[i] + c3[i] + c4[i]);
      }
      long ties = 0;
      for (int i = 0; i < keys.length; i++) {
        long sum = c0[i] + c1[i] + c2[i] + c3[i] + c4[i];
        if (sum == max && sum > 0) {
          ties++;
        }
      }
      return new long[] {max, ties};
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
      columns = new long[PANES][capacity];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        long sum = 0;
        for (long[] c : old) {
          sum += c[i];
        }
        if (oldKeys[i] != EMPTY && sum > 0) {
          int j = slot(oldKeys[i]);
          for (int c = 0; c < PANES; c++) {
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
