package io.spry.runtime.jobs;

import static io.spry.runtime.jobs.WindowJobTest.events;
import static io.spry.runtime.jobs.WindowJobTest.run;
import static io.spry.runtime.jobs.WindowJobTest.source;
import static io.spry.runtime.jobs.WindowJobTest.withLateEvents;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.OutputTag;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.Transformation;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeHint;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.runtime.jobs.WindowJobTest.CountAndSum;
import io.spry.runtime.jobs.WindowJobTest.Event;
import io.spry.runtime.jobs.WindowJobTest.LabelAll;
import io.spry.runtime.jobs.WindowJobTest.Punctuated;
import io.spry.runtime.testing.ListSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code windowAll} with {@code reduce} or {@code aggregate} runs in two steps: each input subtask
 * pre-aggregates, one subtask merges. Its results must equal a plain-Java computation over the same
 * events, as the one-step window's do; and where pre-aggregation would change results it must not
 * be used.
 */
class WindowAllPreAggregationTest {

  /** "start|count,sum" of a window's {@code long[] {count, sum}}. */
  static final class Label extends ProcessAllWindowFunction<long[], String, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<long[]> elements, Collector<String> out) {
      long[] r = elements.iterator().next();
      out.collect(ctx.window().getStart() + "|" + r[0] + "," + r[1]);
    }
  }

  private static List<String> expected(List<Event> events, long size, long slide) {
    Map<Long, long[]> acc = new TreeMap<>();
    for (Event e : events) {
      for (long start = Math.floorDiv(e.ts(), slide) * slide;
          start > e.ts() - size;
          start -= slide) {
        long[] a = acc.computeIfAbsent(start, k -> new long[2]);
        a[0]++;
        a[1] += e.value();
      }
    }
    return acc.entrySet().stream()
        .map(e -> e.getKey() + "|" + e.getValue()[0] + "," + e.getValue()[1])
        .sorted()
        .toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void tumblingAggregateEqualsAPlainComputation(int p) {
    List<Event> events = events(4000, 3, 21);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .windowAll(TumblingEventTimeWindows.of(ofMillis(250)))
            .aggregate(new CountAndSum(), new LabelAll());
    assertThat(preAggregates(out)).isTrue();
    assertThat(run(out)).isEqualTo(expected(events, 250, 250));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void slidingAggregateEqualsAPlainComputation(int p) {
    List<Event> events = events(4000, 3, 22);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<String> out =
        source(env, events)
            .windowAll(SlidingEventTimeWindows.of(ofMillis(500), ofMillis(75)))
            .aggregate(new CountAndSum(), new LabelAll());
    assertThat(preAggregates(out)).isTrue();
    assertThat(run(out)).isEqualTo(expected(events, 500, 75));
  }

  @Test
  void tumblingReduceEqualsAPlainComputation() {
    List<Event> events = events(4000, 3, 23);
    StreamEnvironment env = StreamEnvironment.createLocal(4);
    DataStream<String> out =
        source(env, events)
            .map(e -> new long[] {1, e.value()})
            .returns(long[].class)
            .windowAll(TumblingEventTimeWindows.of(ofMillis(200)))
            .reduce((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}, new Label());
    assertThat(preAggregates(out)).isTrue();
    assertThat(run(out)).isEqualTo(expected(events, 200, 200));
  }

  /**
   * Late records within the allowed lateness fire their window again, with every record so far;
   * with one source subtask the watermarks are exactly {@link Punctuated}'s, so the result of each
   * window's last firing and the number of firings are known.
   */
  @Test
  void lateRecordsWithinTheLatenessFireTheWindowAgainWithEverything() throws Exception {
    List<Event> events = withLateEvents(3000, 9);
    long size = 50;
    long lateness = 60;
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    ConcurrentLinkedQueue<String> sink =
        SINKS.computeIfAbsent("late", k -> new ConcurrentLinkedQueue<>());
    sink.clear();
    DataStream<String> out =
        env.fromSource(
                new ListSource<>(events, Event.class),
                WatermarkStrategy.forGenerator(Punctuated::new)
                    .withTimestampAssigner((e, r) -> e.ts()),
                "events")
            .windowAll(TumblingEventTimeWindows.of(ofMillis(size)))
            .allowedLateness(ofMillis(lateness))
            .aggregate(new CountAndSum(), new LabelAll());
    out.addSink((s, c) -> SINKS.get("late").add(s));
    assertThat(preAggregates(out)).isTrue();
    env.execute("late data");

    // the model: a window fires when the watermark passes its end, and again for each record that
    // comes within the lateness; later records are dropped
    Map<Long, long[]> windows = new TreeMap<>();
    Map<Long, Integer> firings = new HashMap<>();
    long wm = Long.MIN_VALUE;
    long max = Long.MIN_VALUE + 20;
    List<Long> open = new ArrayList<>();
    for (Event e : events) {
      long start = Math.floorDiv(e.ts(), size) * size;
      long end = start + size - 1;
      if (end + lateness > wm) {
        long[] a = windows.computeIfAbsent(start, k -> new long[2]);
        a[0]++;
        a[1] += e.value();
        if (end <= wm) {
          firings.merge(start, 1, Integer::sum); // a late firing
        } else if (!open.contains(start)) {
          open.add(start);
        }
      }
      max = Math.max(max, e.ts());
      long next = Math.max(wm, max - 20);
      for (Long s : new ArrayList<>(open)) {
        if (s + size - 1 <= next) {
          firings.merge(s, 1, Integer::sum);
          open.remove(s);
        }
      }
      wm = next;
    }
    for (Long s : open) {
      firings.merge(s, 1, Integer::sum); // at the end of input
    }
    Map<String, String> last = new HashMap<>();
    Map<Long, Integer> actualFirings = new HashMap<>();
    for (String s : sink) {
      String start = s.substring(0, s.indexOf('|'));
      last.put(start, s);
      actualFirings.merge(Long.parseLong(start), 1, Integer::sum);
    }
    Map<String, String> expectedLast = new HashMap<>();
    windows.forEach((s, a) -> expectedLast.put(s.toString(), s + "|" + a[0] + "," + a[1]));
    assertThat(last).isEqualTo(expectedLast);
    assertThat(actualFirings).isEqualTo(firings);
    assertThat(firings.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThan(windows.size()); // some windows did fire late
  }

  static final Map<String, ConcurrentLinkedQueue<String>> SINKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** An aggregate whose merge was left unimplemented, as Flink users sometimes do. */
  static final class NoMerge implements AggregateFunction<Event, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Event e, long[] acc) {
      acc[0]++;
      return acc;
    }

    @Override
    public long[] getResult(long[] acc) {
      return acc;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return null;
    }

    @Override
    public String toString() {
      return "NoMerge";
    }
  }

  @Test
  void anAggregateWithoutMergeFailsWithAMessageThatSaysWhy() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    DataStream<String> out =
        source(env, events(500, 3, 24))
            .windowAll(TumblingEventTimeWindows.of(ofMillis(250)))
            .aggregate(new NoMerge(), new Label());
    assertThatThrownBy(() -> run(out))
        .hasStackTraceContaining("The aggregate function NoMerge of a windowAll returned null")
        .hasStackTraceContaining("implement merge");
  }

  /** Where pre-aggregation would change results, the window runs in one step as before. */
  @Test
  void notPreAggregatedWhereItWouldChangeResults() {
    List<Function<DataStream<Event>, DataStream<?>>> oneStep =
        List.of(
            // a reduce may change its first argument, shared by the windows of a slice
            in ->
                in.windowAll(SlidingEventTimeWindows.of(ofMillis(500), ofMillis(75)))
                    .reduce((a, b) -> a),
            // field aggregations keep the first record's other fields
            in ->
                in.map(e -> Tuple2.of(e.key(), e.value()))
                    .returns(new TypeHint<Tuple2<String, Integer>>() {})
                    .windowAll(TumblingEventTimeWindows.of(ofMillis(10)))
                    .sum(1),
            in ->
                in.windowAll(TumblingEventTimeWindows.of(ofMillis(500)))
                    .evictor(CountEvictor.of(3))
                    .aggregate(new CountAndSum()),
            in ->
                in.windowAll(TumblingEventTimeWindows.of(ofMillis(500)))
                    .sideOutputLateData(new OutputTag<>("late", Event.class))
                    .aggregate(new CountAndSum()));
    for (int i = 0; i < oneStep.size(); i++) {
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      DataStream<?> out = oneStep.get(i).apply(source(env, events(10, 3, 25)));
      assertThat(preAggregates(out)).as("case %d", i).isFalse();
    }
  }

  /** Whether the stream's job has a pre-aggregating operator. */
  private static boolean preAggregates(DataStream<?> out) {
    return hasPreAggregation(out.getTransformation());
  }

  private static boolean hasPreAggregation(Transformation<?> t) {
    if (t instanceof OneInputTransformation<?, ?> o
        && o.getKind() == OperatorKind.WINDOW_PRE_AGGREGATE) {
      return true;
    }
    return t.getInputs().stream().anyMatch(WindowAllPreAggregationTest::hasPreAggregation);
  }
}
