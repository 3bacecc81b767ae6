package io.spry.examples;

import io.spry.api.DataStream;
import io.spry.api.DataStreamSink;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.OutputTag;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.datagen.GeneratorFunction;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.metrics.Counter;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The busiest items per sliding event-time window, with late events counted on a side output.
 *
 * <p>The input is generated clicks {@code (item, time)}, a pure function of their index, so every
 * run sees the same data (see {@link ClickGenerator}): 2,000 clicks per second of event time from
 * 2026-01-01 12:00:00 UTC, up to 2 s out of order, 1 in 100 of them 30 s late, on 10 items of
 * skewed popularity whose ranking changes every 20 s. At the default {@code --rate} of 2,000 clicks
 * a second, event time passes as fast as the clock, so windows close while you watch.
 *
 * <p>The job:
 *
 * <ol>
 *   <li>watermarks 2 s behind the largest time seen (bounded out-of-orderness), emitted with every
 *       click that moves them ({@link PerEventBoundedOutOfOrderness});
 *   <li>{@code keyBy(item)}, sliding windows ({@code --size} 10 s every {@code --slide} 2 s), a
 *       count per item and window: an incremental {@link CountClicks} plus a {@link AddWindow} that
 *       labels the count with its window. Clicks too late for all their windows go to the {@link
 *       #LATE} side output, where {@link CountLate} counts them;
 *   <li>{@code keyBy(windowEnd)}: {@link TopN} buffers a window's counts in keyed state and, when
 *       the watermark reaches the window's end (an event-time timer), emits its {@code --top}
 *       items.
 * </ol>
 *
 * <pre>
 * spry run hot-items                                  # 60000 clicks at 2000 a second: 30 s
 * spry run hot-items --events 0                       # until Ctrl-C
 * spry run hot-items --size 4s --slide 1s --top 5 --rate 0
 * </pre>
 */
public final class HotItems implements Example {
  public static final String EVENTS = "events";
  public static final String RATE = "rate";
  public static final String SIZE = "size";
  public static final String SLIDE = "slide";
  public static final String TOP = "top";

  public static final long DEFAULT_EVENTS = 60_000;
  public static final double DEFAULT_RATE = 2_000;
  public static final Duration DEFAULT_SIZE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SLIDE = Duration.ofSeconds(2);
  public static final int DEFAULT_TOP = 3;

  /** How far out of order the watermarks allow clicks to be. */
  public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(2);

  /** Where clicks too late for all their windows go. */
  public static final OutputTag<Click> LATE = new OutputTag<>("late-clicks", Click.class);

  /** The counter of late clicks, in {@link JobResult#counter}. */
  public static final String LATE_COUNTER = "late-events";

  /** The counter of windows reported, in {@link JobResult#counter}. */
  public static final String WINDOWS_COUNTER = "windows";

  /** A "late events: n so far" line is printed every this many late clicks. */
  public static final long LATE_REPORT_EVERY = 100;

  /** A click on an item at an event time (epoch milliseconds). */
  public record Click(int item, long time) {
    @Override
    public String toString() {
      return "item-" + item + "@" + formatTime(time);
    }
  }

  /** How many clicks an item had in a window. */
  public record ItemCount(int item, long windowStart, long windowEnd, long count) {
    @Override
    public String toString() {
      return "item-" + item + "=" + count;
    }
  }

  /** The busiest items of a window, busiest first (ties: the lower item number first). */
  public record TopItems(long windowStart, long windowEnd, List<ItemCount> top) {
    @Override
    public String toString() {
      return "["
          + formatTime(windowStart)
          + ", "
          + formatTime(windowEnd)
          + ") top items: "
          + top.stream().map(ItemCount::toString).collect(Collectors.joining(", "));
    }
  }

  /** The order of {@link TopItems#top}: more clicks first, then the lower item number. */
  public static final Comparator<ItemCount> BUSIEST_FIRST =
      Comparator.comparingLong(ItemCount::count).reversed().thenComparingInt(ItemCount::item);

  // ---- the data ----

  /**
   * Click {@code index}, a pure function of the index.
   *
   * <ul>
   *   <li><b>Time.</b> {@link #BASE} + {@code index / 2} ms (2,000 clicks per second of event time)
   *       plus a jitter of 0 to 2,000 ms: clicks are out of order, but none is more than 2 s behind
   *       a click before it. One click in 100 (never the first) is 30 s earlier still: it arrives
   *       about 30 s late.
   *   <li><b>Item.</b> One of {@link #ITEMS}; the item at popularity rank {@code r} (0 the busiest)
   *       is drawn with weight {@code RANK_WEIGHTS[r]} (30%, 20%, 14%, ...). Every 20 s of nominal
   *       time the ranking shifts: a cold item becomes the hottest.
   * </ul>
   */
  public static final class ClickGenerator implements GeneratorFunction<Click> {
    private static final long serialVersionUID = 1L;

    /** Event time 0 of the data: 2026-01-01T12:00:00Z. */
    public static final long BASE = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();

    /** Clicks per millisecond of event time (2,000 a second). */
    public static final long CLICKS_PER_MILLI = 2;

    public static final long MAX_JITTER = 2_000;
    public static final long FAR_LATE = 30_000;
    public static final int FAR_LATE_ONE_IN = 100;
    public static final long TREND_PERIOD = 20_000;
    public static final int ITEMS = 10;
    static final int[] RANK_WEIGHTS = {30, 20, 14, 10, 8, 6, 5, 3, 2, 2}; // sums to 100

    @Override
    public Click map(long index) {
      long h1 = mix(index);
      long h2 = mix(h1);
      long nominal = index / CLICKS_PER_MILLI;
      long time = nominal + Long.remainderUnsigned(h1, MAX_JITTER + 1);
      if (isFarLate(index)) {
        time -= FAR_LATE;
      }
      int rank = rank((int) Long.remainderUnsigned(h2, 100));
      long period = nominal / TREND_PERIOD;
      int item = (int) ((rank * 7L + period * 3L) % ITEMS) + 1;
      return new Click(item, BASE + time);
    }

    /** Whether click {@code index} is one of the 30 s late ones. */
    public static boolean isFarLate(long index) {
      // the first click is never: before it there is no watermark to be late for
      return index > 0 && Long.remainderUnsigned(mix(mix(mix(index))), FAR_LATE_ONE_IN) == 0;
    }

    private static int rank(int u) {
      int r = 0;
      int acc = RANK_WEIGHTS[0];
      while (u >= acc) {
        acc += RANK_WEIGHTS[++r];
      }
      return r;
    }

    /** SplitMix64's finalizer: neighbouring indices get unrelated bits. */
    static long mix(long x) {
      long z = x + 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }

  // ---- the job's functions ----

  /**
   * Bounded out-of-orderness, as {@code WatermarkStrategy.forBoundedOutOfOrderness}: the watermark
   * is the largest time seen minus the bound minus 1 ms. But it is emitted with every click that
   * moves it (punctuated) instead of every 200 ms of processing time (periodic).
   *
   * <p>Why: which clicks are late depends on the watermark in force when they arrive. A periodic
   * watermark depends on how many clicks the source read between two ticks of the clock, so the
   * late clicks, and the counts, would change from run to run (an unthrottled test might even see
   * no watermark at all before the end). Emitted per click, the watermark when click {@code i}
   * reaches the windows is exactly {@code max(time of clicks 0..i-1) - 2 s - 1 ms}: the results are
   * a function of the data alone, and the test checks them against a plain Java computation. The
   * cost, a watermark per click, is nothing at a few thousand clicks a second.
   */
  public static final class PerEventBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
    private final long boundMillis;
    private long maxTimestamp = Long.MIN_VALUE;

    public PerEventBoundedOutOfOrderness(Duration bound) {
      this.boundMillis = bound.toMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
      if (eventTimestamp > maxTimestamp) {
        maxTimestamp = eventTimestamp;
        output.emitWatermark(maxTimestamp - boundMillis - 1);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Counts the clicks of a window, one at a time (the window keeps one number, not the clicks). */
  public static final class CountClicks implements AggregateFunction<Click, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Click click, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Labels an item's count with its window. */
  public static final class AddWindow
      extends ProcessWindowFunction<Long, ItemCount, Integer, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
        Integer item, Context context, Iterable<Long> counts, Collector<ItemCount> out) {
      TimeWindow w = context.window();
      out.collect(new ItemCount(item, w.getStart(), w.getEnd(), counts.iterator().next()));
    }
  }

  /**
   * Per window (the key is the window's end): buffers the items' counts and emits the busiest
   * {@code n} when the watermark reaches the window's last millisecond. By then every window
   * subtask has emitted its counts for the window, since a window operator emits its results before
   * it forwards the watermark that fired them; with allowed lateness 0 no count comes later.
   */
  public static final class TopN extends KeyedProcessFunction<Long, ItemCount, TopItems> {
    private static final long serialVersionUID = 1L;
    private final int n;
    private transient ListState<ItemCount> counts;
    private transient Counter windows;

    public TopN(int n) {
      this.n = n;
    }

    @Override
    public void open() {
      counts =
          getRuntimeContext().getListState(new ListStateDescriptor<>("counts", ItemCount.class));
      windows = getRuntimeContext().getCounter(WINDOWS_COUNTER);
    }

    @Override
    public void processElement(ItemCount count, Context ctx, Collector<TopItems> out)
        throws Exception {
      counts.add(count);
      ctx.timerService().registerEventTimeTimer(count.windowEnd() - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TopItems> out)
        throws Exception {
      List<ItemCount> all = new ArrayList<>();
      Iterable<ItemCount> stored = counts.get();
      if (stored != null) {
        stored.forEach(all::add);
      }
      counts.clear();
      if (all.isEmpty()) {
        return;
      }
      all.sort(BUSIEST_FIRST);
      ItemCount first = all.get(0);
      windows.inc();
      out.collect(
          new TopItems(
              first.windowStart(),
              first.windowEnd(),
              List.copyOf(all.subList(0, Math.min(n, all.size())))));
    }
  }

  /** Counts the late clicks and says so every {@link #LATE_REPORT_EVERY} of them. */
  public static final class CountLate extends ProcessFunction<Click, String> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;
    private transient long seen;

    @Override
    public void open() {
      late = getRuntimeContext().getCounter(LATE_COUNTER);
    }

    @Override
    public void processElement(Click click, Context ctx, Collector<String> out) {
      late.inc();
      seen++;
      if (seen % LATE_REPORT_EVERY == 0) {
        out.collect("late events: " + seen + " so far (sent to side output)");
      }
    }
  }

  // ---- the job ----

  /** The option values, checked. */
  public record Settings(long events, double rate, Duration size, Duration slide, int top) {

    static Settings of(ExampleArgs args) {
      long events = args.getLong(EVENTS, DEFAULT_EVENTS);
      double rate = args.getDouble(RATE, DEFAULT_RATE);
      Duration size = duration(args, SIZE, DEFAULT_SIZE);
      Duration slide = duration(args, SLIDE, DEFAULT_SLIDE);
      int top = args.getInt(TOP, DEFAULT_TOP);
      if (events < 0 || events == DataGeneratorSource.UNBOUNDED) {
        throw new ExampleUsageException(
            "--events must be 0 (no end) or a count up to " + (Long.MAX_VALUE - 1));
      }
      if (Double.isNaN(rate) || rate < 0) {
        throw new ExampleUsageException("--rate must be 0 (no limit) or positive, was " + rate);
      }
      if (top < 1) {
        throw new ExampleUsageException("--top must be at least 1, was " + top);
      }
      return new Settings(events, rate, size, slide, top);
    }

    /** The generator's count: {@code --events 0} means no end. */
    long count() {
      return events == 0 ? DataGeneratorSource.UNBOUNDED : events;
    }
  }

  /** The streams of the job: the busiest items per window, the late clicks, the lines to print. */
  public record Job(
      SingleOutputStream<TopItems> topItems,
      DataStream<Click> lateClicks,
      DataStream<String> lines) {}

  /** Adds the job to {@code env}. */
  public static Job job(StreamEnvironment env, Settings s) {
    DataGeneratorSource<Click> source =
        new DataGeneratorSource<>(
            new ClickGenerator(), s.count(), s.rate(), TypeInfo.of(Click.class));
    WatermarkStrategy<Click> watermarks =
        WatermarkStrategy.<Click>forGenerator(
                () -> new PerEventBoundedOutOfOrderness<>(OUT_OF_ORDERNESS))
            .withTimestampAssigner((click, ts) -> click.time());

    // One source subtask: the clicks keep their order, and every window subtask sees the
    // watermark after each click (with several, each would hold its own block of the index range).
    SingleOutputStream<Click> clicks =
        env.fromSource(source, watermarks, "clicks").setParallelism(1);

    SingleOutputStream<ItemCount> counts =
        clicks
            .keyBy(Click::item)
            .window(SlidingEventTimeWindows.of(s.size(), s.slide()))
            .allowedLateness(Duration.ZERO)
            .sideOutputLateData(LATE)
            .aggregate(new CountClicks(), new AddWindow())
            .name("count per item and window");

    SingleOutputStream<TopItems> top =
        counts
            .keyBy(ItemCount::windowEnd)
            .process(new TopN(s.top()))
            .name("top " + s.top() + " per window")
            .setParallelism(1); // one subtask: windows are reported in order

    DataStream<Click> late = counts.getSideOutput(LATE);
    SingleOutputStream<String> lateLines =
        late.process(new CountLate()).name("count late clicks").setParallelism(1);

    SingleOutputStream<String> topLines =
        top.map(TopItems::toString).returns(String.class).name("format").setParallelism(1);
    return new Job(top, late, topLines.union(lateLines));
  }

  @Override
  public String name() {
    return "hot-items";
  }

  @Override
  public String description() {
    return "Busiest items per sliding event-time window over generated clicks, late ones counted";
  }

  @Override
  public List<ExampleOption> options() {
    return List.of(
        new ExampleOption(
            EVENTS, "<n>", "clicks to generate, 0 for no end", Long.toString(DEFAULT_EVENTS)),
        new ExampleOption(
            RATE,
            "<per-second>",
            "clicks per second; 2000 plays event time in real time, 0 for no limit",
            "2000"),
        new ExampleOption(SIZE, "<duration>", "window size, e.g. 10s, 500ms, 1m", "10s"),
        new ExampleOption(SLIDE, "<duration>", "a window starts every slide", "2s"),
        new ExampleOption(TOP, "<n>", "items to report per window", Integer.toString(DEFAULT_TOP)));
  }

  @Override
  public DataStream<String> build(StreamEnvironment env, ExampleArgs args) {
    return job(env, Settings.of(args)).lines();
  }

  /** One printer, so the windows' lines come out in order and without subtask prefixes. */
  @Override
  public DataStreamSink<?> print(DataStream<?> results) {
    return results.print().setParallelism(1);
  }

  /** Runs the job as every example does, then prints a summary line. */
  @Override
  public JobResult run(ExampleArgs args) {
    Settings settings = Settings.of(args);
    JobResult result = Examples.run(this, args);
    System.out.println(summary(result, settings));
    System.out.flush();
    return result;
  }

  /** The last line of a run. */
  static String summary(JobResult result, Settings settings) {
    long late = result.counter(LATE_COUNTER);
    long windows = result.counter(WINDOWS_COUNTER);
    String lateText =
        late + " late event" + (late == 1 ? "" : "s") + " (sent to side output, not counted)";
    if (result.status() == JobStatus.FINISHED) {
      return String.format(
          Locale.ROOT,
          "done: %d clicks, %d windows, %s, in %.1f s",
          settings.events(),
          windows,
          lateText,
          result.duration().toMillis() / 1000.0);
    }
    return "stopped: " + windows + " windows, " + lateText;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

  /** A duration option: a number of seconds, or a number with a unit (ms, s, m, h). */
  static Duration duration(ExampleArgs args, String name, Duration fallback) {
    String v = args.get(name);
    if (v == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ExampleUsageException(
          "--" + name + " must be a duration like 10s, 500ms or 1m, was '" + v + "'");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ExampleUsageException("--" + name + " is too long: '" + v + "'");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m", "min" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw new ExampleUsageException("--" + name + " must be positive, was '" + v + "'");
    }
    return d;
  }

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** An event time as {@code 12:00:10} (UTC), with milliseconds when it has some. */
  static String formatTime(long epochMillis) {
    Instant t = Instant.ofEpochMilli(epochMillis);
    return (Math.floorMod(epochMillis, 1000) == 0 ? SECONDS : MILLIS).format(t);
  }

  public static void main(String[] args) {
    Examples.main(new HotItems(), args);
  }
}
