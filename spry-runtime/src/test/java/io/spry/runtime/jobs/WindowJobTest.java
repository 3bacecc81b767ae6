package io.spry.runtime.jobs;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.DataStream;
import io.spry.api.JobResult;
import io.spry.api.OutputTag;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.GlobalWindow;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.runtime.testing.ListSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window jobs at parallelism 1 and 4 whose results must equal a plain-Java computation over the
 * same events. Events arrive out of order, within the bound of the watermark strategy, so no event
 * is late unless a test makes it so.
 */
class WindowJobTest {
  static final int KEYS = 13;
  static final long DISORDER = 40;

  /** An event: a key, an event time and a value. */
  public record Event(String key, long ts, int value) {}

  /** {@code n} events about {@code spacing} ms apart, each up to {@link #DISORDER} ms early. */
  static List<Event> events(int n, long spacing, long seed) {
    Random rnd = new Random(seed);
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long ts = spacing * i - rnd.nextInt((int) DISORDER);
      out.add(new Event("k" + rnd.nextInt(KEYS), ts, 1 + rnd.nextInt(100)));
    }
    return out;
  }

  static DataStream<Event> source(StreamEnvironment env, List<Event> events) {
    env.getConfig().setAutoWatermarkInterval(ofMillis(1));
    return env.fromSource(
        new ListSource<>(events, Event.class),
        WatermarkStrategy.<Event>forBoundedOutOfOrderness(ofMillis(DISORDER))
            .withTimestampAssigner((e, r) -> e.ts()),
        "events");
  }

  /** The value of an event's {@code toString()} at the end of a line. */
  static int valueOf(String line) {
    return Integer.parseInt(line.substring(line.lastIndexOf("value=") + 6, line.length() - 1));
  }

  static List<String> run(DataStream<String> s) {
    return s.executeAndCollect(1 << 20).stream().sorted().toList();
  }

  static List<String> lines(Map<String, ?> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).sorted().toList();
  }

  /** Emits "key|start|end|result" for the one pre-aggregated value of a window. */
  static final class Label<V> extends ProcessWindowFunction<V, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<V> elements, Collector<String> out) {
      V v = elements.iterator().next();
      out.collect(key + "|" + ctx.window().getStart() + "|" + ctx.window().getEnd() + "|" + v);
    }
  }

  /** "key|start|number of records". */
  static final class CountPerWindow
      extends ProcessWindowFunction<Event, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Event> elements, Collector<String> out) {
      int n = 0;
      for (Event e : elements) {
        n++;
      }
      out.collect(key + "|" + ctx.window().getStart() + "|" + n);
    }
  }

  /** "start|result" of a window over all keys. */
  static final class LabelAll extends ProcessAllWindowFunction<String, String, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<String> elements, Collector<String> out) {
      out.collect(ctx.window().getStart() + "|" + elements.iterator().next());
    }
  }

  /** Count and sum. */
  static final class CountAndSum implements AggregateFunction<Event, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Event e, long[] acc) {
      acc[0]++;
      acc[1] += e.value();
      return acc;
    }

    @Override
    public String getResult(long[] acc) {
      return acc[0] + "," + acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {a[0] + b[0], a[1] + b[1]};
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void tumblingReduceWithProcessFunction(int p) {
    List<Event> events = events(4000, 3, 1);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .keyBy(Event::key)
            .window(TumblingEventTimeWindows.of(ofMillis(100)))
            .reduce((a, b) -> new Event(a.key(), a.ts(), a.value() + b.value()), new Label<>())
            .map(s -> s.substring(0, s.lastIndexOf('|') + 1) + valueOf(s));

    Map<String, Integer> expected = new HashMap<>();
    for (Event e : events) {
      long start = Math.floorDiv(e.ts(), 100) * 100;
      expected.merge(e.key() + "|" + start + "|" + (start + 100), e.value(), Integer::sum);
    }
    assertThat(run(out)).isEqualTo(lines(expected));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void slidingAggregateWithProcessFunction(int p) {
    List<Event> events = events(3000, 3, 2);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .keyBy(Event::key)
            .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(30)))
            .aggregate(new CountAndSum(), new Label<>());

    Map<String, long[]> acc = new TreeMap<>();
    for (Event e : events) {
      for (long start = Math.floorDiv(e.ts(), 30) * 30; start > e.ts() - 100; start -= 30) {
        long[] a =
            acc.computeIfAbsent(e.key() + "|" + start + "|" + (start + 100), k -> new long[2]);
        a[0]++;
        a[1] += e.value();
      }
    }
    Map<String, String> expected = new TreeMap<>();
    acc.forEach((k, a) -> expected.put(k, a[0] + "," + a[1]));
    assertThat(run(out)).isEqualTo(lines(expected));
  }

  /** Sliding windows with an offset and a reduce: computed from slices (gcd(100, 40) = 20 ms). */
  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void slicedSlidingSumWithOffset(int p) {
    List<Event> events = events(3000, 3, 12);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .keyBy(Event::key)
            .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(40), ofMillis(7)))
            .reduce((a, b) -> new Event(a.key(), a.ts(), a.value() + b.value()), new Label<>())
            .map(s -> s.substring(0, s.lastIndexOf('|') + 1) + valueOf(s));

    Map<String, Integer> expected = new HashMap<>();
    for (Event e : events) {
      long last = Math.floorDiv(e.ts() - 7, 40) * 40 + 7;
      for (long start = last; start > e.ts() - 100; start -= 40) {
        expected.merge(e.key() + "|" + start + "|" + (start + 100), e.value(), Integer::sum);
      }
    }
    assertThat(run(out)).isEqualTo(lines(expected));
  }

  /** A sliding count over all keys (windowAll), computed from slices. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void slicedSlidingCountOverAllKeys(int p) {
    List<Event> events = events(3000, 3, 13);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .map(e -> 1L)
            .windowAll(SlidingEventTimeWindows.of(ofMillis(500), ofMillis(50)))
            .reduce(Long::sum, new LongLabelAll())
            .returns(String.class);

    Map<Long, Long> expected = new TreeMap<>();
    for (Event e : events) {
      for (long start = Math.floorDiv(e.ts(), 50) * 50; start > e.ts() - 500; start -= 50) {
        expected.merge(start, 1L, Long::sum);
      }
    }
    List<String> lines =
        expected.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).sorted().toList();
    assertThat(run(out)).isEqualTo(lines);
  }

  /** "start|count" of a window over all keys. */
  static final class LongLabelAll extends ProcessAllWindowFunction<Long, String, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<Long> elements, Collector<String> out) {
      out.collect(ctx.window().getStart() + "|" + elements.iterator().next());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void slidingWithGapsProcessesOnlyRecordsInsideWindows(int p) {
    List<Event> events = events(3000, 3, 3);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .keyBy(Event::key)
            .window(SlidingEventTimeWindows.of(ofMillis(20), ofMillis(50)))
            .process(new CountPerWindow());

    Map<String, Integer> expected = new HashMap<>();
    for (Event e : events) {
      long start = Math.floorDiv(e.ts(), 50) * 50;
      if (e.ts() < start + 20) {
        expected.merge(e.key() + "|" + start, 1, Integer::sum);
      }
    }
    assertThat(run(out)).isEqualTo(lines(expected));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void sessionsWithApply(int p) {
    List<Event> events = events(3000, 7, 4); // per key about 90 ms apart: some sessions merge
    long gap = 60;
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .keyBy(Event::key)
            .window(EventTimeSessionWindows.withGap(ofMillis(gap)))
            .apply(
                (String key, TimeWindow w, Iterable<Event> in, Collector<String> c) -> {
                  int n = 0;
                  int sum = 0;
                  for (Event e : in) {
                    n++;
                    sum += e.value();
                  }
                  c.collect(key + "|" + w.getStart() + "|" + w.getEnd() + "|" + n + "," + sum);
                })
            .returns(String.class);

    Map<String, List<Event>> byKey =
        events.stream().collect(Collectors.groupingBy(Event::key, Collectors.toList()));
    List<String> expected = new ArrayList<>();
    byKey.forEach(
        (key, list) -> {
          List<Event> sortedEvents = new ArrayList<>(list);
          sortedEvents.sort((a, b) -> Long.compare(a.ts(), b.ts()));
          long start = 0;
          long end = Long.MIN_VALUE;
          int n = 0;
          int sum = 0;
          for (Event e : sortedEvents) {
            if (n > 0 && e.ts() <= end) { // touching windows merge, as TimeWindow.intersects
              end = Math.max(end, e.ts() + gap);
            } else {
              if (n > 0) {
                expected.add(key + "|" + start + "|" + end + "|" + n + "," + sum);
              }
              start = e.ts();
              end = e.ts() + gap;
              n = 0;
              sum = 0;
            }
            n++;
            sum += e.value();
          }
          expected.add(key + "|" + start + "|" + end + "|" + n + "," + sum);
        });
    assertThat(run(out)).isEqualTo(expected.stream().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void windowAllSumsEveryKeyInOneSubtask(int p) {
    List<Event> events = events(3000, 3, 5);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    SingleOutputStream<String> sums =
        source(env, events)
            .windowAll(TumblingEventTimeWindows.of(ofMillis(250)))
            .aggregate(new CountAndSum(), new LabelAll());
    assertThat(sums.getTransformation().getParallelism()).isEqualTo(1);

    Map<Long, long[]> acc = new TreeMap<>();
    for (Event e : events) {
      long[] a = acc.computeIfAbsent(Math.floorDiv(e.ts(), 250) * 250, k -> new long[2]);
      a[0]++;
      a[1] += e.value();
    }
    List<String> expected =
        acc.entrySet().stream()
            .map(e -> e.getKey() + "|" + e.getValue()[0] + "," + e.getValue()[1])
            .sorted()
            .toList();
    assertThat(run(sums)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void countWindowsTumbleAndSlidePerKey(int p) {
    List<Event> events = events(2000, 3, 6);
    Map<String, Long> perKey =
        events.stream().collect(Collectors.groupingBy(Event::key, Collectors.counting()));

    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<Event> in = source(env, events);
    DataStream<String> tumbling =
        in.keyBy(Event::key)
            .countWindow(5)
            .apply(
                (String key, GlobalWindow w, Iterable<Event> els, Collector<String> c) -> {
                  int n = 0;
                  for (Event e : els) {
                    n++;
                  }
                  c.collect("T|" + key + "|" + n);
                })
            .returns(String.class);
    DataStream<String> sliding =
        in.keyBy(Event::key)
            .countWindow(5, 2)
            .apply(
                (String key, GlobalWindow w, Iterable<Event> els, Collector<String> c) -> {
                  int n = 0;
                  for (Event e : els) {
                    n++;
                  }
                  c.collect("S|" + key + "|" + n);
                })
            .returns(String.class);

    List<String> expected = new ArrayList<>();
    perKey.forEach(
        (key, n) -> {
          for (long i = 1; i <= n / 5; i++) {
            expected.add("T|" + key + "|5");
          }
          for (long i = 1; i <= n / 2; i++) {
            expected.add("S|" + key + "|" + Math.min(5, 2 * i));
          }
        });
    assertThat(run(tumbling.union(sliding))).isEqualTo(expected.stream().sorted().toList());
  }

  // ---- late data ----

  /** Emits a watermark after every event: the largest timestamp so far minus 20. */
  static final class Punctuated implements WatermarkGenerator<Event> {
    private long max = Long.MIN_VALUE + 20;

    @Override
    public void onEvent(Event event, long ts, WatermarkOutput output) {
      max = Math.max(max, ts);
      output.emitWatermark(max - 20);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Events in order, with every 7th one late by 30 to 230 ms. */
  static List<Event> withLateEvents(int n, long seed) {
    Random rnd = new Random(seed);
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long ts = 5L * i - (i % 7 == 0 ? 30 + rnd.nextInt(200) : 0);
      out.add(new Event("k" + rnd.nextInt(5), ts, 1 + rnd.nextInt(100)));
    }
    return out;
  }

  static final ConcurrentLinkedQueue<String> SINK = new ConcurrentLinkedQueue<>();

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void lateEventsRefireWithinTheLatenessAndGoToTheSideOutputBeyond(int p) throws Exception {
    List<Event> events = withLateEvents(3000, 7);
    long size = 50;
    long lateness = 60;
    OutputTag<Event> lateTag = new OutputTag<>("late", Event.class);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    SingleOutputStream<String> sums =
        env.fromSource(
                new ListSource<>(events, Event.class),
                WatermarkStrategy.forGenerator(Punctuated::new)
                    .withTimestampAssigner((e, r) -> e.ts()),
                "events")
            .keyBy(Event::key)
            .window(TumblingEventTimeWindows.of(ofMillis(size)))
            .allowedLateness(ofMillis(lateness))
            .sideOutputLateData(lateTag)
            .reduce((a, b) -> new Event(a.key(), a.ts(), a.value() + b.value()), new Label<>());
    SINK.clear();
    sums.addSink((s, c) -> SINK.add(s));
    sums.getSideOutput(lateTag).addSink((e, c) -> SINK.add("late|" + e));
    env.execute("late data");

    // The last firing of each window has everything added to it; the rest went to the side.
    Map<String, String> lastFiring = new HashMap<>();
    List<String> late = new ArrayList<>();
    long firings = 0;
    for (String s : SINK) {
      if (s.startsWith("late|")) {
        late.add(s.substring(5));
      } else {
        firings++;
        lastFiring.put(s.substring(0, s.lastIndexOf('|')), s);
      }
    }
    long windowTotal = lastFiring.values().stream().mapToLong(WindowJobTest::valueOf).sum();
    long lateTotal = late.stream().mapToLong(WindowJobTest::valueOf).sum();
    assertThat(windowTotal + lateTotal).isEqualTo(events.stream().mapToLong(Event::value).sum());
    assertThat(firings).isGreaterThan(lastFiring.size()); // some windows fired late again
    assertThat(late).isNotEmpty();

    if (p == 1) { // one source subtask: the watermarks are exactly those of Punctuated
      Map<String, Integer> expected = new HashMap<>();
      List<String> expectedLate = new ArrayList<>();
      long wm = Long.MIN_VALUE;
      long max = Long.MIN_VALUE + 20;
      for (Event e : events) {
        long start = Math.floorDiv(e.ts(), size) * size;
        if (start + size - 1 + lateness <= wm) {
          expectedLate.add(e.toString());
        } else {
          expected.merge(e.key() + "|" + start + "|" + (start + size), e.value(), Integer::sum);
        }
        max = Math.max(max, e.ts());
        wm = Math.max(wm, max - 20);
      }
      assertThat(late).containsExactlyElementsOf(expectedLate);
      Map<String, Integer> actual = new HashMap<>();
      lastFiring.forEach((k, s) -> actual.put(k, valueOf(s)));
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void lateEventsWithoutASideOutputAreCounted(int p) throws Exception {
    List<Event> events = withLateEvents(2000, 8);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    SingleOutputStream<Event> sums =
        env.fromSource(
                new ListSource<>(events, Event.class),
                WatermarkStrategy.forGenerator(Punctuated::new)
                    .withTimestampAssigner((e, r) -> e.ts()),
                "events")
            .keyBy(Event::key)
            .window(TumblingEventTimeWindows.of(ofMillis(50)))
            .reduce((a, b) -> new Event(a.key(), a.ts(), a.value() + b.value()));
    SINK.clear();
    sums.addSink((s, c) -> SINK.add(Integer.toString(s.value())));
    JobResult result = env.execute("dropped");

    long windowTotal = SINK.stream().mapToLong(Long::parseLong).sum();
    long all = events.stream().mapToLong(Event::value).sum();
    long dropped = result.counter("numLateRecordsDropped");
    assertThat(dropped).isPositive();
    assertThat(windowTotal).isLessThan(all);
    if (p == 1) {
      long wm = Long.MIN_VALUE;
      long max = Long.MIN_VALUE + 20;
      long expectedDropped = 0;
      for (Event e : events) {
        long start = Math.floorDiv(e.ts(), 50) * 50;
        if (start + 49 <= wm) {
          expectedDropped++;
        }
        max = Math.max(max, e.ts());
        wm = Math.max(wm, max - 20);
      }
      assertThat(dropped).isEqualTo(expectedDropped);
    }
  }
}
