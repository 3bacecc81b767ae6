package io.spry.testkit;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.DataStream;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.GlobalWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.triggers.CountTrigger;
import io.spry.api.windowing.windows.GlobalWindow;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.Window;
import io.spry.runtime.operator.window.SlicingWindowOperator;
import io.spry.runtime.operator.window.WindowOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window operators snapshotted mid-stream (contents, trigger state, per-window state, merging
 * window sets, slices and timers) and restored into fresh operators, at the same and at other
 * parallelisms, emit exactly what an uninterrupted run emits; and both equal a computation of the
 * windows written independently here.
 *
 * <p>Each run splits the input into stages; each stage runs on fresh harnesses (one per subtask,
 * each given the records of the keys it owns and every watermark) restored from all the snapshots
 * of the stage before. Records are never late (the watermark trails the largest timestamp by more
 * than the disorder), so a restored operator, which starts without a watermark as after a real
 * restore, treats every record as the uninterrupted one does.
 */
public class WindowStateRestoreTest {
  static final TypeInfo<Tuple2<String, Integer>> IN = Types.TUPLE(Types.STRING, Types.INT);
  static final int KEYS = 13;
  static final int EVENTS = 600;

  record Event(String key, int value, long ts) {}

  /** An input: an event, or a watermark when {@code event} is null. */
  record Input(Event event, long watermark) {}

  static List<Input> inputs(long seed) {
    Random r = new Random(seed);
    List<Input> in = new ArrayList<>();
    long max = 0;
    for (int i = 0; i < EVENTS; i++) {
      long ts = i * 3L + r.nextInt(20); // disorder below 20 ms
      max = Math.max(max, ts);
      in.add(new Input(new Event("k" + r.nextInt(KEYS), r.nextInt(100), ts), 0));
      if (i % 10 == 9) {
        in.add(new Input(null, max - 25));
      }
    }
    in.add(new Input(null, Long.MAX_VALUE));
    return in;
  }

  static List<Event> events(List<Input> inputs) {
    return inputs.stream().map(Input::event).filter(e -> e != null).toList();
  }

  // ---- the window operations under test ----

  /** "key window sum,count" of the records in the window. */
  static final class Describe<W extends Window>
      extends ProcessWindowFunction<Tuple2<String, Integer>, String, String, W> {
    @Override
    public void process(
        String key,
        Context ctx,
        Iterable<Tuple2<String, Integer>> elements,
        Collector<String> out) {
      long sum = 0;
      int count = 0;
      for (Tuple2<String, Integer> t : elements) {
        sum += t.f1;
        count++;
      }
      out.collect(key + " " + window(ctx.window()) + " " + sum + "," + count);
    }
  }

  /** "key window result #firing", the firing counted in per-window state. */
  static final class Label<V, W extends Window>
      extends ProcessWindowFunction<V, String, String, W> {
    static final ValueStateDescriptor<Integer> FIRINGS =
        new ValueStateDescriptor<>("firings", Integer.class);

    @Override
    public void process(String key, Context ctx, Iterable<V> elements, Collector<String> out)
        throws Exception {
      ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
      int n = firings.value() == null ? 1 : firings.value() + 1;
      firings.update(n);
      Object result = elements.iterator().next();
      if (result instanceof Tuple2<?, ?>) { // list contents: sum them
        long sum = 0;
        int count = 0;
        for (V v : elements) {
          sum += (Integer) ((Tuple2<?, ?>) v).f1;
          count++;
        }
        result = sum + "," + count;
      }
      out.collect(key + " " + window(ctx.window()) + " " + result + " #" + n);
    }
  }

  static String window(Window w) {
    return w instanceof TimeWindow t ? "[" + t.getStart() + "," + t.getEnd() + ")" : "global";
  }

  /** Sum and count with a long[] accumulator (a primitive array type). */
  static final class SumCount
      implements AggregateFunction<Tuple2<String, Integer>, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Tuple2<String, Integer> value, long[] acc) {
      acc[0] += value.f1;
      acc[1]++;
      return acc;
    }

    @Override
    public String getResult(long[] acc) {
      return acc[0] + "," + acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  /**
   * The same with an accumulator type erasure hides ({@code A}), so window state falls back to the
   * Kryo-backed generic type.
   */
  static final class ErasedSumCount<A>
      implements AggregateFunction<Tuple2<String, Integer>, A, String> {
    private final SumCount sums = new SumCount();

    @Override
    @SuppressWarnings("unchecked")
    public A createAccumulator() {
      return (A) sums.createAccumulator();
    }

    @Override
    @SuppressWarnings("unchecked")
    public A add(Tuple2<String, Integer> value, A acc) {
      return (A) sums.add(value, (long[]) acc);
    }

    @Override
    public String getResult(A acc) {
      return sums.getResult((long[]) acc);
    }

    @Override
    @SuppressWarnings("unchecked")
    public A merge(A a, A b) {
      return (A) sums.merge((long[]) a, (long[]) b);
    }
  }

  /** "key global sum" of a reduced global window. */
  static final class GlobalSum
      extends ProcessWindowFunction<Tuple2<String, Integer>, String, String, GlobalWindow> {
    @Override
    public void process(
        String key, Context ctx, Iterable<Tuple2<String, Integer>> sum, Collector<String> out) {
      out.collect(key + " global " + sum.iterator().next().f1);
    }
  }

  /** A window operation, the operator it must run on, and an independent computation of it. */
  public record Scenario(
      String name,
      Function<DataStream<Tuple2<String, Integer>>, DataStream<String>> window,
      Class<?> operator,
      Function<List<Event>, List<String>> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario(
            "tumbling aggregate (sliced)",
            in ->
                in.keyBy(t -> t.f0)
                    .window(TumblingEventTimeWindows.of(ofMillis(50)))
                    .aggregate(new SumCount(), new Label<String, TimeWindow>()),
            SlicingWindowOperator.class,
            events -> slidingSums(events, 50, 50, " #1")),
        new Scenario(
            "sliding aggregate with an erased accumulator type (sliced)",
            in ->
                in.keyBy(t -> t.f0)
                    .window(SlidingEventTimeWindows.of(ofMillis(60), ofMillis(20)))
                    .aggregate(new ErasedSumCount<>(), new Label<String, TimeWindow>()),
            SlicingWindowOperator.class,
            events -> slidingSums(events, 60, 20, " #1")),
        new Scenario(
            "sliding process (list contents)",
            in ->
                in.keyBy(t -> t.f0)
                    .window(SlidingEventTimeWindows.of(ofMillis(60), ofMillis(20)))
                    .process(new Describe<TimeWindow>()),
            WindowOperator.class,
            events -> slidingSums(events, 60, 20, "")),
        new Scenario(
            "session windows (merging)",
            in ->
                in.keyBy(t -> t.f0)
                    .window(EventTimeSessionWindows.withGap(ofMillis(15)))
                    .process(new Describe<TimeWindow>()),
            WindowOperator.class,
            WindowStateRestoreTest::sessions),
        new Scenario(
            "tumbling with a count evictor",
            in ->
                in.keyBy(t -> t.f0)
                    .window(TumblingEventTimeWindows.of(ofMillis(50)))
                    .evictor(CountEvictor.of(3))
                    .process(new Describe<TimeWindow>()),
            WindowOperator.class,
            WindowStateRestoreTest::lastThree),
        new Scenario(
            "tumbling with a count trigger and per-window state",
            in ->
                in.keyBy(t -> t.f0)
                    .window(TumblingEventTimeWindows.of(ofMillis(50)))
                    .trigger(CountTrigger.of(4))
                    .process(new Label<Tuple2<String, Integer>, TimeWindow>()),
            WindowOperator.class,
            WindowStateRestoreTest::everyFourth),
        new Scenario(
            "global window with a count trigger, reduced",
            in ->
                in.keyBy(t -> t.f0)
                    .window(GlobalWindows.create())
                    .trigger(CountTrigger.of(3))
                    .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1), new GlobalSum()),
            WindowOperator.class,
            WindowStateRestoreTest::runningSumsEveryThird));
  }

  // ---- independent computations ----

  /** Per key and window of {@code size} every {@code slide}: "key [s,e) sum,count" + suffix. */
  static List<String> slidingSums(List<Event> events, long size, long slide, String suffix) {
    Map<String, long[]> windows = new TreeMap<>();
    for (Event e : events) {
      long last = Math.floorDiv(e.ts(), slide) * slide;
      for (long s = last; s > e.ts() - size; s -= slide) {
        long[] acc =
            windows.computeIfAbsent(e.key() + " [" + s + "," + (s + size) + ")", k -> new long[2]);
        acc[0] += e.value();
        acc[1]++;
      }
    }
    List<String> out = new ArrayList<>();
    windows.forEach((w, acc) -> out.add(w + " " + acc[0] + "," + acc[1] + suffix));
    return out;
  }

  /** Sessions: a key's records at most the gap (15) apart, window [first, last + gap). */
  static List<String> sessions(List<Event> events) {
    Map<String, List<Event>> byKey = byKey(events);
    List<String> out = new ArrayList<>();
    byKey.forEach(
        (key, list) -> {
          List<Event> sorted = new ArrayList<>(list);
          sorted.sort((a, b) -> Long.compare(a.ts(), b.ts()));
          int i = 0;
          while (i < sorted.size()) {
            long start = sorted.get(i).ts();
            long end = start + 15;
            long sum = 0;
            int count = 0;
            while (i < sorted.size() && sorted.get(i).ts() <= end) {
              end = Math.max(end, sorted.get(i).ts() + 15);
              sum += sorted.get(i).value();
              count++;
              i++;
            }
            out.add(key + " [" + start + "," + end + ") " + sum + "," + count);
          }
        });
    return out;
  }

  /** Tumbling 50 ms windows keeping the last three records of each, in arrival order. */
  static List<String> lastThree(List<Event> events) {
    Map<String, List<Event>> windows = tumbling(events);
    List<String> out = new ArrayList<>();
    windows.forEach(
        (w, list) -> {
          List<Event> kept = list.subList(Math.max(0, list.size() - 3), list.size());
          out.add(w + " " + kept.stream().mapToLong(Event::value).sum() + "," + kept.size());
        });
    return out;
  }

  /** Tumbling 50 ms windows firing at every fourth record, with all records so far. */
  static List<String> everyFourth(List<Event> events) {
    List<String> out = new ArrayList<>();
    tumbling(events)
        .forEach(
            (w, list) -> {
              long sum = 0;
              for (int i = 0; i < list.size(); i++) {
                sum += list.get(i).value();
                if ((i + 1) % 4 == 0) {
                  out.add(w + " " + sum + "," + (i + 1) + " #" + (i + 1) / 4);
                }
              }
            });
    return out;
  }

  /** Each key's running sum at every third record. */
  static List<String> runningSumsEveryThird(List<Event> events) {
    List<String> out = new ArrayList<>();
    byKey(events)
        .forEach(
            (key, list) -> {
              long sum = 0;
              for (int i = 0; i < list.size(); i++) {
                sum += list.get(i).value();
                if ((i + 1) % 3 == 0) {
                  out.add(key + " global " + sum);
                }
              }
            });
    return out;
  }

  static Map<String, List<Event>> byKey(List<Event> events) {
    Map<String, List<Event>> m = new LinkedHashMap<>();
    for (Event e : events) {
      m.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
    }
    return m;
  }

  /** "key [s,e)" of tumbling 50 ms windows to their records in arrival order. */
  static Map<String, List<Event>> tumbling(List<Event> events) {
    Map<String, List<Event>> m = new LinkedHashMap<>();
    for (Event e : events) {
      long s = Math.floorDiv(e.ts(), 50) * 50;
      m.computeIfAbsent(e.key() + " [" + s + "," + (s + 50) + ")", k -> new ArrayList<>()).add(e);
    }
    return m;
  }

  // ---- running in stages ----

  /**
   * Runs the inputs in stages: stage i runs inputs {@code [cuts[i-1], cuts[i])} at parallelism
   * {@code parallelisms[i]}, restored from every snapshot of stage i - 1. Returns all output,
   * sorted.
   */
  static List<String> run(Scenario s, List<Input> inputs, int[] cuts, int[] parallelisms) {
    String[] heap = new String[parallelisms.length];
    java.util.Arrays.fill(heap, "heap");
    return run(s, inputs, cuts, parallelisms, heap);
  }

  /** {@link #run} with stage i on the state backend {@code backends[i]}. */
  static List<String> run(
      Scenario s, List<Input> inputs, int[] cuts, int[] parallelisms, String[] backends) {
    List<String> output = new ArrayList<>();
    List<byte[]> snapshots = List.of();
    int from = 0;
    for (int stage = 0; stage < parallelisms.length; stage++) {
      int to = stage < cuts.length ? cuts[stage] : inputs.size();
      int p = parallelisms[stage];
      List<OneInputOperatorHarness<Tuple2<String, Integer>, String>> harnesses = new ArrayList<>();
      for (int i = 0; i < p; i++) {
        var h =
            OperatorHarness.forWindow(IN, s.window())
                .withSubtask(i, p)
                .withStateBackend(backends[stage]);
        if (stage > 0) {
          h.withRestoredKeyedState(snapshots);
        }
        h.open();
        assertThat(h.getOperator()).isInstanceOf(s.operator());
        harnesses.add(h);
      }
      for (Input in : inputs.subList(from, to)) {
        for (var h : harnesses) {
          if (in.event() == null) {
            h.processWatermark(in.watermark());
          } else if (h.ownsKey(in.event().key())) {
            h.processElement(Tuple2.of(in.event().key(), in.event().value()), in.event().ts());
          }
        }
      }
      List<byte[]> next = new ArrayList<>();
      for (var h : harnesses) {
        output.addAll(h.getOutput());
        if (stage < parallelisms.length - 1) {
          next.add(h.snapshotKeyedState());
        }
        h.close();
      }
      snapshots = next;
      from = to;
    }
    output.sort(null);
    return output;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void restoredRunsEmitWhatAnUninterruptedRunEmits(Scenario s) {
    List<Input> inputs = inputs(s.name().hashCode());
    List<String> expected = new ArrayList<>(s.expected().apply(events(inputs)));
    expected.sort(null);
    assertThat(expected).isNotEmpty();

    List<String> uninterrupted = run(s, inputs, new int[0], new int[] {1});
    assertThat(uninterrupted).isEqualTo(expected);

    int third = inputs.size() / 3;
    // the same parallelism
    assertThat(run(s, inputs, new int[] {third}, new int[] {1, 1})).isEqualTo(expected);
    // 2 -> 3 -> 1, cut twice mid-stream
    assertThat(run(s, inputs, new int[] {third, 2 * third}, new int[] {2, 3, 1}))
        .isEqualTo(expected);
    // 4 -> 2, cut late, with many windows open
    assertThat(run(s, inputs, new int[] {inputs.size() - 7}, new int[] {4, 2})).isEqualTo(expected);
  }
}
