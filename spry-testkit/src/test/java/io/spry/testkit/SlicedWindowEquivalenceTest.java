package io.spry.testkit;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.OutputTag;
import io.spry.api.StreamEnvironment;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeySelector;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.CountTrigger;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.window.SlicingWindowOperator;
import io.spry.runtime.operator.window.WindowOperator;
import io.spry.runtime.operator.window.WindowOperators;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sliced window operator against the general one: for random sliding and tumbling windows
 * (sizes, slides, offsets, allowed lateness, late side output or not), several keys and
 * out-of-order records with late ones among them, both must emit the same results with the same
 * timestamps, the same late data and counters, and leave no state or timers behind.
 *
 * <p>Output is compared input by input. After a record, exactly in order (late firings, latest
 * window first); after a watermark, ordered by timestamp, because timers of different keys with the
 * same timestamp fire in no particular order in either operator.
 */
class SlicedWindowEquivalenceTest {
  static final TypeInfo<Tuple2<String, Integer>> IN = Types.TUPLE(Types.STRING, Types.INT);

  /** Count and sum, with a mutable accumulator (add changes it in place). */
  static final class CountAndSum
      implements AggregateFunction<Tuple2<String, Integer>, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Tuple2<String, Integer> value, long[] acc) {
      acc[0]++;
      acc[1] += value.f1;
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

  /** "key [start,end) result #firing" with a firing count kept in per-window state. */
  static final class Label<V> extends ProcessWindowFunction<V, String, String, TimeWindow> {
    static final ValueStateDescriptor<Integer> FIRINGS =
        new ValueStateDescriptor<>("firings", Integer.class);

    @Override
    public void process(String key, Context ctx, Iterable<V> elements, Collector<String> out)
        throws Exception {
      ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
      int n = firings.value() == null ? 1 : firings.value() + 1;
      firings.update(n);
      TimeWindow w = ctx.window();
      out.collect(
          key
              + " ["
              + w.getStart()
              + ","
              + w.getEnd()
              + ") "
              + elements.iterator().next()
              + " #"
              + n);
    }
  }

  /** One random case. */
  record Case(
      long seed,
      WindowAssigner<Object, TimeWindow> assigner,
      long lateness,
      boolean sideOutput,
      boolean reduce) {
    @Override
    public String toString() {
      return "seed "
          + seed
          + ": "
          + assigner
          + describeOffset()
          + ", lateness "
          + lateness
          + (sideOutput ? ", side output" : "")
          + (reduce ? ", reduce" : ", aggregate");
    }

    private String describeOffset() {
      return assigner instanceof SlidingEventTimeWindows s
          ? " offset " + s.getOffset()
          : " offset " + ((TumblingEventTimeWindows) assigner).getOffset();
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (long seed = 1; seed <= 150; seed++) {
      Random rnd = new Random(seed);
      long width = 1 + rnd.nextInt(6);
      long size = width * (1 + rnd.nextInt(8));
      long slide = width * (1 + rnd.nextInt(8));
      WindowAssigner<Object, TimeWindow> assigner =
          rnd.nextInt(5) == 0
              ? TumblingEventTimeWindows.of(ofMillis(size), ofMillis(rnd.nextLong(size)))
              : SlidingEventTimeWindows.of(
                  ofMillis(size), ofMillis(slide), ofMillis(rnd.nextLong(slide)));
      long lateness = rnd.nextBoolean() ? 0 : rnd.nextInt((int) (3 * size) + 1);
      boolean sideOutput = rnd.nextBoolean();
      boolean reduceWanted = rnd.nextBoolean();
      // Reduces are sliced only on windows of one slice; sliding ones stay on the general operator.
      boolean oneSlice =
          assigner instanceof TumblingEventTimeWindows
              || (assigner instanceof SlidingEventTimeWindows s && s.getSize() == s.getSlide());
      cases.add(new Case(seed, assigner, lateness, sideOutput, reduceWanted && oneSlice));
    }
    // Windows of 8 or more slices: sliding by few slices (3k + 3 < n) and without allowed
    // lateness, the sliced operator shares partial aggregates between a key's consecutive windows
    // (SlicingWindowOperator.sharesPartials); by more slices it combines every slice.
    for (long seed = 151; seed <= 190; seed++) {
      Random rnd = new Random(seed);
      long width = 1 + rnd.nextInt(3);
      long steps = 1 + rnd.nextInt(3);
      long slices = rnd.nextInt(4) == 0 ? 8 + rnd.nextInt(17) : 3 * steps + 4 + rnd.nextInt(14);
      if (slices / gcd(slices, steps) < 8) {
        steps = 1;
      }
      WindowAssigner<Object, TimeWindow> assigner =
          SlidingEventTimeWindows.of(
              ofMillis(width * slices),
              ofMillis(width * steps),
              ofMillis(rnd.nextLong(width * steps)));
      long lateness = rnd.nextInt(4) == 0 ? rnd.nextInt((int) (width * slices) + 1) : 0;
      cases.add(new Case(seed, assigner, lateness, rnd.nextBoolean(), false));
    }
    return cases;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  Function<DataStream<Tuple2<String, Integer>>, DataStream<String>> job(Case c) {
    OutputTag<Tuple2<String, Integer>> late = new OutputTag<>("late", IN);
    return in -> {
      var windowed =
          in.keyBy(x -> x.f0).window(c.assigner()).allowedLateness(ofMillis(c.lateness()));
      if (c.sideOutput()) {
        windowed = windowed.sideOutputLateData(late);
      }
      return c.reduce()
          ? windowed.reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1), new Label<>())
          : windowed.aggregate(new CountAndSum(), new Label<>());
    };
  }

  /** The operator of the window the function builds: sliced or general, in a harness. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static OneInputOperatorHarness<Tuple2<String, Integer>, String> harness(
      Function<DataStream<Tuple2<String, Integer>>, DataStream<String>> job, boolean sliced) {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    DataStream<String> result = job.apply(env.fromCollection(List.of(), IN));
    OneInputTransformation<?, ?> t = (OneInputTransformation<?, ?>) result.getTransformation();
    WindowSpec spec = (WindowSpec) t.getFunction();
    StreamOperator op =
        sliced ? WindowOperators.createSliced(spec) : WindowOperators.createGeneral(spec);
    assertThat(op).as("operator").isNotNull();
    return new OneInputOperatorHarness<>(op, (KeySelector) t.getKeySelector(), t.getName());
  }

  /** One step of input: a record, or a watermark (value null). */
  record Step(Tuple2<String, Integer> value, long time) {}

  /** Out-of-order records with a bounded-out-of-orderness watermark; some records come late. */
  static List<Step> input(long seed) {
    Random rnd = new Random(seed * 31 + 7);
    int keys = 1 + rnd.nextInt(4);
    long disorder = rnd.nextInt(20);
    long start = rnd.nextInt(200) - 100; // negative timestamps too
    long max = Long.MIN_VALUE;
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      long ts = start + i / 2 - rnd.nextInt((int) disorder + 1);
      if (rnd.nextInt(15) == 0) {
        ts -= rnd.nextInt(60); // beyond the bound: late for some windows, or for all
      }
      steps.add(new Step(Tuple2.of("k" + rnd.nextInt(keys), 1 + rnd.nextInt(50)), ts));
      max = Math.max(max, ts);
      if (rnd.nextInt(4) == 0) {
        steps.add(new Step(null, max - disorder - 1));
      }
    }
    steps.add(new Step(null, Long.MAX_VALUE));
    return steps;
  }

  /** What the harness emits, input by input. */
  static List<List<String>> run(
      OneInputOperatorHarness<Tuple2<String, Integer>, String> harness, List<Step> steps) {
    harness.open();
    List<List<String>> epochs = new ArrayList<>();
    int seen = 0;
    for (Step s : steps) {
      if (s.value() != null) {
        harness.processElement(s.value(), s.time());
      } else {
        harness.processWatermark(s.time());
      }
      List<TimestampedValue<String>> out = harness.getOutputWithTimestamps();
      List<TimestampedValue<String>> epoch = new ArrayList<>(out.subList(seen, out.size()));
      seen = out.size();
      if (s.value() == null) {
        epoch.sort(
            Comparator.comparingLong((TimestampedValue<String> v) -> v.timestamp())
                .thenComparing(v -> v.value()));
      }
      epochs.add(epoch.stream().map(TimestampedValue::toString).toList());
    }
    return epochs;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void slicedGivesTheSameOutputAsGeneral(Case c) {
    List<Step> steps = input(c.seed());
    OutputTag<Tuple2<String, Integer>> late = new OutputTag<>("late", IN);
    var general = harness(job(c), false);
    var sliced = harness(job(c), true);
    assertThat(sliced.getOperator()).isInstanceOf(SlicingWindowOperator.class);
    assertThat(general.getOperator()).isInstanceOf(WindowOperator.class);

    List<List<String>> expected = run(general, steps);
    List<List<String>> actual = run(sliced, steps);

    assertThat(actual).isEqualTo(expected);
    assertThat(expected.stream().mapToInt(List::size).sum()).isPositive();
    assertThat(sliced.getSideOutputWithTimestamps(late))
        .isEqualTo(general.getSideOutputWithTimestamps(late));
    assertThat(sliced.getCounter(WindowOperator.LATE_RECORDS_DROPPED))
        .isEqualTo(general.getCounter(WindowOperator.LATE_RECORDS_DROPPED));
    assertThat(sliced.getWatermarks()).isEqualTo(general.getWatermarks());

    SlicingWindowOperator<?, ?, ?> op = (SlicingWindowOperator<?, ?, ?>) sliced.getOperator();
    assertThat(op.numSlices()).as("slices").isZero();
    assertThat(sliced.numKeyedStateEntries(SlicingWindowOperator.SLICES_STATE)).isZero();
    assertThat(sliced.numNamespacedStateEntries("firings")).as("per-window state").isZero();
    assertThat(op.numWindowsToFire()).as("windows to fire").isZero();
    assertThat(op.numWindowsToCleanUp()).as("windows to clean up").isZero();
    assertThat(op.numKeyLists()).as("key lists").isZero();
  }

  @Test
  void theLateDataOfTheCasesIsNotTrivial() {
    long late = 0;
    long total = 0;
    for (Case c : cases()) {
      var general = harness(job(c), false);
      run(general, input(c.seed()));
      late +=
          general.getCounter(WindowOperator.LATE_RECORDS_DROPPED)
              + general.getSideOutput(new OutputTag<>("late", IN)).size();
      total += 250;
    }
    assertThat(late).isBetween(total / 100, total / 5);
  }

  // ---- what the sliced operator holds ----

  @Test
  void eachRecordUpdatesOneSliceAndAWindowCombinesItsSlices() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                        .aggregate(new CountAndSum()))
            .open();
    SlicingWindowOperator<?, ?, ?> op = (SlicingWindowOperator<?, ?, ?>) harness.getOperator();
    for (int i = 0; i < 100; i++) {
      harness.processElement(Tuple2.of("k" + (i % 2), 1), i);
    }
    // 10 slices per key, not 10 windows per record
    assertThat(op.numSlices()).isEqualTo(20);
    assertThat(harness.numKeyedStateEntries(SlicingWindowOperator.SLICES_STATE)).isEqualTo(2);
    // no timer per key and window: the 19 windows of the 10 slices, and a key list per slice
    assertThat(op.numWindowsToFire()).isEqualTo(19);
    assertThat(op.numKeyLists()).isEqualTo(10);

    harness.processWatermark(99); // windows ending at 9, 19, ..., 99 fire for both keys
    assertThat(harness.getOutputWithTimestamps())
        .filteredOn(v -> v.timestamp() == 99)
        .extracting(TimestampedValue::value)
        .containsExactly("50,50", "50,50");
    assertThat(harness.getOutput()).hasSize(20);
    assertThat(op.numSlices()).isEqualTo(18); // [0, 10) is in no later window
    assertThat(op.numWindowsToFire()).isEqualTo(9);
    assertThat(op.numKeyLists()).isEqualTo(9);

    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.getOutput()).hasSize(38); // and 9 more windows per key, to [90, 190)
    assertThat(op.numSlices()).isZero();
    assertThat(op.numWindowsToFire()).isZero();
    assertThat(op.numKeyLists()).isZero();
  }

  @Test
  void theGeneralOperatorKeepsOtherSpecs() {
    assertThat(
            OperatorHarness.forWindow(
                    IN,
                    in ->
                        in.keyBy(x -> x.f0)
                            .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                            .trigger(CountTrigger.of(2))
                            .aggregate(new CountAndSum()))
                .getOperator())
        .isInstanceOf(WindowOperator.class);
    assertThat(
            OperatorHarness.forWindow(
                    IN,
                    in ->
                        in.keyBy(x -> x.f0)
                            .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                            .evictor(CountEvictor.of(2))
                            .aggregate(new CountAndSum()))
                .getOperator())
        .isInstanceOf(WindowOperator.class);
    assertThat(
            OperatorHarness.forWindow(
                    IN,
                    in ->
                        in.keyBy(x -> x.f0)
                            .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                            .sum(1)) // keeps the first record's other fields: order matters
                .getOperator())
        .isInstanceOf(WindowOperator.class);
    assertThat(
            OperatorHarness.forWindow(
                    IN,
                    in ->
                        in.keyBy(x -> x.f0)
                            .window(SlidingEventTimeWindows.of(ofMillis(10_000), ofMillis(7)))
                            .aggregate(new CountAndSum())) // 10,000 slices of 1 ms per window
                .getOperator())
        .isInstanceOf(WindowOperator.class);
  }

  @Test
  void aTumblingAggregateNeedsNoMerge() throws Exception {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(10)))
                        .aggregate(new NoMerge())
                        .returns(Long.class))
            .open();
    assertThat(harness.getOperator()).isInstanceOf(SlicingWindowOperator.class);
    harness.processElement(Tuple2.of("a", 2), 5);
    harness.processElement(Tuple2.of("a", 3), 7);
    harness.processWatermark(9);
    assertThat(harness.getOutput()).containsExactly(5L);
  }

  @Test
  void aSlidingReduceStaysOnTheGeneralOperator() {
    var harness =
        OperatorHarness.forWindow(
            IN,
            in ->
                in.keyBy(x -> x.f0)
                    .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                    .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1)));
    assertThat(harness.getOperator()).isInstanceOf(WindowOperator.class);
  }

  /** Sums f1; merge is not implemented. */
  static final class NoMerge implements AggregateFunction<Tuple2<String, Integer>, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Tuple2<String, Integer> value, long[] acc) {
      acc[0] += value.f1;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void anAggregateWithoutMergeFailsAtTheFirstFiringWithAHint() {
    AggregateFunction<Tuple2<String, Integer>, long[], Long> noMerge = new NoMerge();
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(SlidingEventTimeWindows.of(ofMillis(100), ofMillis(10)))
                        .aggregate(noMerge)
                        .returns(Long.class))
            .open();
    harness.processElement(Tuple2.of("a", 1), 5);
    harness.processElement(Tuple2.of("a", 1), 15);
    // window [-80, 20) holds two slices: combining them needs merge
    assertThatThrownBy(() -> harness.processWatermark(19))
        .hasStackTraceContaining("does not implement merge");
  }
}
