package io.spry.testkit;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.OutputTag;
import io.spry.api.functions.Collector;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.ProcessingTimeSessionWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.evictors.TimeEvictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.triggers.ContinuousEventTimeTrigger;
import io.spry.api.windowing.triggers.CountTrigger;
import io.spry.api.windowing.triggers.PurgingTrigger;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.operator.window.WindowOperator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of the window operator, one input at a time. Records are {@code (key, value)}
 * with the event timestamp given to {@code processElement}; results are {@code (key, sum)} or
 * strings, with the timestamp {@code window.maxTimestamp()}.
 */
class WindowOperatorHarnessTest {
  static final TypeInfo<Tuple2<String, Integer>> IN = Types.TUPLE(Types.STRING, Types.INT);
  static final String CONTENTS = "window-contents";

  static Tuple2<String, Integer> t(String k, int v) {
    return Tuple2.of(k, v);
  }

  /** "key [start,end) = values" for each firing. */
  static final class Describe
      extends ProcessWindowFunction<Tuple2<String, Integer>, String, String, TimeWindow> {
    @Override
    public void process(
        String key,
        Context ctx,
        Iterable<Tuple2<String, Integer>> elements,
        Collector<String> out) {
      List<Integer> values = new ArrayList<>();
      elements.forEach(e -> values.add(e.f1));
      TimeWindow w = ctx.window();
      out.collect(key + " [" + w.getStart() + "," + w.getEnd() + ") = " + values);
    }
  }

  static void assertNothingLeft(OneInputOperatorHarness<?, ?> harness, String... states) {
    assertThat(harness.numNamespacedStateEntries(CONTENTS)).as("window contents").isZero();
    for (String s : states) {
      assertThat(harness.numNamespacedStateEntries(s)).as(s).isZero();
    }
    WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) harness.getOperator();
    assertThat(op.numEventTimeTimers()).as("event-time timers").isZero();
    assertThat(op.numProcessingTimeTimers()).as("processing-time timers").isZero();
  }

  @Test
  void tumblingEventTimeSumsFireWhenTheWatermarkPassesTheEnd() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in -> in.keyBy(x -> x.f0).window(TumblingEventTimeWindows.of(ofMillis(10))).sum(1))
            .open();

    harness
        .processElement(t("a", 1), 3)
        .processElement(t("b", 5), 12) // window [10, 20)
        .processElement(t("a", 2), 1) // out of order, same window [0, 10)
        .processElement(t("a", 4), 10);
    assertThat(harness.getOutput()).isEmpty();
    assertThat(harness.numNamespacedStateEntries(CONTENTS)).isEqualTo(3);

    harness.processWatermark(9); // [0, 10) ends: max timestamp 9
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of(t("a", 3), 9));

    harness.processWatermark(19); // both keys' [10, 20), in no particular order
    assertThat(harness.getOutputWithTimestamps().subList(1, 3))
        .containsExactlyInAnyOrder(
            TimestampedValue.of(t("a", 4), 19), TimestampedValue.of(t("b", 5), 19));
    assertThat(harness.getWatermarks()).containsExactly(9L, 19L); // after the firings
    assertNothingLeft(harness);
  }

  @Test
  void slidingWindowsGetEachRecordOncePerWindow() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(SlidingEventTimeWindows.of(ofMillis(10), ofMillis(5)))
                        .process(new Describe()))
            .open();
    harness.processElement(t("a", 1), 4).processElement(t("a", 2), 7).processWatermark(100);
    assertThat(harness.getOutput())
        .containsExactly("a [-5,5) = [1]", "a [0,10) = [1, 2]", "a [5,15) = [2]");
    assertNothingLeft(harness);
  }

  @Test
  void lateRecordsWithinTheAllowedLatenessFireAgainAndLaterOnesGoToTheSideOutput() {
    OutputTag<Tuple2<String, Integer>> late = new OutputTag<>("late", IN);
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(10)))
                        .allowedLateness(ofMillis(5))
                        .sideOutputLateData(late)
                        .sum(1))
            .open();

    harness.processElement(t("a", 1), 2).processWatermark(9); // fires [0, 10): 1
    harness.processElement(t("a", 10), 5); // late but within lateness: fires again at once: 11
    harness.processWatermark(13);
    harness.processElement(t("a", 100), 6); // still within: 111
    harness.processWatermark(14); // 9 + 5: the window is cleaned up
    harness.processElement(t("a", 1000), 7); // too late

    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(
            TimestampedValue.of(t("a", 1), 9),
            TimestampedValue.of(t("a", 11), 9),
            TimestampedValue.of(t("a", 111), 9));
    assertThat(harness.getSideOutputWithTimestamps(late))
        .containsExactly(TimestampedValue.of(t("a", 1000), 7));
    assertThat(harness.getCounter(WindowOperator.LATE_RECORDS_DROPPED)).isZero();
    assertNothingLeft(harness);
  }

  @Test
  void lateRecordsWithoutASideOutputAreDroppedAndCounted() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in -> in.keyBy(x -> x.f0).window(TumblingEventTimeWindows.of(ofMillis(10))).sum(1))
            .open();
    harness.processElement(t("a", 1), 2).processWatermark(9);
    harness.processElement(t("a", 2), 9).processElement(t("a", 3), 0); // late: [0, 10) is gone
    harness.processElement(t("a", 4), 10); // on time, for [10, 20)
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.getOutput()).containsExactly(t("a", 1), t("a", 4));
    assertThat(harness.getCounter(WindowOperator.LATE_RECORDS_DROPPED)).isEqualTo(2);
    assertNothingLeft(harness);
  }

  @Test
  void aRecordThatBridgesTwoSessionsMergesThem() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(EventTimeSessionWindows.withGap(ofMillis(10)))
                        .process(new Describe()))
            .open();

    harness.processElement(t("a", 1), 0); // [0, 10)
    harness.processElement(t("a", 2), 18); // [18, 28): a second session
    harness.processElement(t("b", 7), 5); // another key: [5, 15)
    assertThat(harness.numKeyedStateEntries("merging-window-set")).isEqualTo(2);
    harness.processElement(t("a", 3), 9); // [9, 19) touches both: one session [0, 28)
    harness.processWatermark(14);
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of("b [5,15) = [7]", 14));

    harness.processWatermark(27);
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(
            TimestampedValue.of("b [5,15) = [7]", 14),
            TimestampedValue.of("a [0,28) = [1, 2, 3]", 27));
    assertNothingLeft(harness);
    assertThat(harness.numKeyedStateEntries("merging-window-set")).isZero();
  }

  @Test
  void recordsExactlyOneGapApartAreOneSession() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(EventTimeSessionWindows.withGap(ofMillis(10)))
                        .process(new Describe()))
            .open();
    harness.processElement(t("a", 1), 0).processElement(t("a", 2), 10).processWatermark(100);
    assertThat(harness.getOutput()).containsExactly("a [0,20) = [1, 2]");
  }

  @Test
  void slidingCountWindowsFireEverySlideOverTheLastRecords() {
    var harness =
        OperatorHarness.forWindow(IN, in -> in.keyBy(x -> x.f0).countWindow(3, 2).sum(1)).open();
    for (int i = 1; i <= 6; i++) {
      harness.processElement(t("a", i));
    }
    // fires at the 2nd, 4th and 6th record over the last 3: 1+2, 2+3+4, 4+5+6
    assertThat(harness.getOutput()).containsExactly(t("a", 3), t("a", 9), t("a", 15));
  }

  @Test
  void tumblingCountWindowsPurgeAndNeverFireAPartialWindow() {
    var harness =
        OperatorHarness.forWindow(IN, in -> in.keyBy(x -> x.f0).countWindow(2).sum(1)).open();
    for (int i = 1; i <= 5; i++) {
      harness.processElement(t("a", i));
    }
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.getOutput()).containsExactly(t("a", 3), t("a", 7));
    assertThat(harness.numNamespacedStateEntries(CONTENTS)).isEqualTo(1); // the 5 waits
  }

  @Test
  void purgingCountTriggerOnTimeWindowsFiresEveryNRecordsAndCleansUpAtTheEnd() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(10)))
                        .trigger(PurgingTrigger.of(CountTrigger.of(2)))
                        .process(new Describe()))
            .open();
    harness.processElement(t("a", 1), 1).processElement(t("a", 2), 2).processElement(t("a", 3), 3);
    assertThat(harness.getOutput()).containsExactly("a [0,10) = [1, 2]");
    harness.processWatermark(9); // the count trigger does not fire on time; cleanup drops the 3
    assertThat(harness.getOutput()).containsExactly("a [0,10) = [1, 2]");
    assertNothingLeft(harness, "count");
  }

  @Test
  void continuousEventTimeTriggerFiresEarlyEveryInterval() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(100)))
                        .trigger(ContinuousEventTimeTrigger.of(ofMillis(30)))
                        .sum(1))
            .open();
    harness.processElement(t("a", 1), 5);
    harness.processWatermark(30); // first early firing: the end of [0, 30)
    harness.processElement(t("a", 2), 40);
    harness.processWatermark(65); // the firing at 60
    harness.processElement(t("a", 4), 70);
    harness.processWatermark(200); // 90, then the end of the window at 99
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(
            TimestampedValue.of(t("a", 1), 99),
            TimestampedValue.of(t("a", 3), 99),
            TimestampedValue.of(t("a", 7), 99),
            TimestampedValue.of(t("a", 7), 99));
    assertNothingLeft(harness, "fire-time");
  }

  @Test
  void countEvictorKeepsTheLastRecordsBeforeTheFunction() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(10)))
                        .evictor(CountEvictor.of(2))
                        .sum(1)) // with an evictor, the sum runs over what is left at firing
            .open();
    harness
        .processElement(t("a", 1), 1)
        .processElement(t("a", 2), 2)
        .processElement(t("a", 4), 3)
        .processWatermark(9);
    assertThat(harness.getOutput()).containsExactly(t("a", 6));
    assertNothingLeft(harness);
  }

  @Test
  void timeEvictorAfterTheFunctionShapesTheNextFiring() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(100)))
                        .trigger(CountTrigger.of(2))
                        .evictor(TimeEvictor.of(ofMillis(10), true))
                        .process(new Describe()))
            .open();
    harness.processElement(t("a", 1), 1).processElement(t("a", 2), 20); // fires [1, 2]; keeps 2
    harness.processElement(t("a", 3), 25).processElement(t("a", 4), 40); // fires [2, 3, 4]
    assertThat(harness.getOutput()).containsExactly("a [0,100) = [1, 2]", "a [0,100) = [2, 3, 4]");
    harness.processWatermark(99);
    assertNothingLeft(harness, "count");
  }

  @Test
  void processingTimeWindowsFireOnTheClockTicks() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingProcessingTimeWindows.of(ofMillis(10)))
                        .sum(1))
            .withClock(new ManualClock(3))
            .open();
    harness.processElement(t("a", 1)).processElement(t("a", 2));
    harness.advanceProcessingTime(ofMillis(5)); // 8: nothing yet
    assertThat(harness.getOutput()).isEmpty();
    harness.processElement(t("a", 4));
    harness.advanceProcessingTime(ofMillis(1)); // 9: [0, 10) ends
    harness.processElement(t("a", 8)); // 9 still, but the window is gone: a new one [0, 10)
    harness.advanceProcessingTime(ofMillis(11)); // 20
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of(t("a", 7), 9), TimestampedValue.of(t("a", 8), 9));
    assertNothingLeft(harness);
  }

  @Test
  void processingTimeSessionsCloseAfterAGapOfClockTime() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(ProcessingTimeSessionWindows.withGap(ofMillis(10)))
                        .sum(1))
            .open();
    harness.processElement(t("a", 1));
    harness.advanceProcessingTime(ofMillis(6));
    harness.processElement(t("a", 2)); // at 6: [6, 16) merges with [0, 10)
    harness.advanceProcessingTime(ofMillis(8)); // 14: still open
    assertThat(harness.getOutput()).isEmpty();
    harness.advanceProcessingTime(ofMillis(1)); // 15: the session's last millisecond has come
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(TimestampedValue.of(t("a", 3), 15));
    assertNothingLeft(harness);
  }

  /** Counts the firings of each window in per-window state and all firings of a key globally. */
  static final class CountFirings
      extends ProcessWindowFunction<Tuple2<String, Integer>, String, String, TimeWindow> {
    static final ValueStateDescriptor<Integer> FIRINGS =
        new ValueStateDescriptor<>("firings", Integer.class);
    static final ValueStateDescriptor<Integer> TOTAL =
        new ValueStateDescriptor<>("total", Integer.class);

    @Override
    public void process(
        String key, Context ctx, Iterable<Tuple2<String, Integer>> elements, Collector<String> out)
        throws Exception {
      ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
      ValueState<Integer> total = ctx.globalState().getState(TOTAL);
      int f = firings.value() == null ? 1 : firings.value() + 1;
      int t = total.value() == null ? 1 : total.value() + 1;
      firings.update(f);
      total.update(t);
      out.collect(key + " " + ctx.window().getStart() + " firing " + f + " of " + t);
    }
  }

  @Test
  void perWindowStateLivesAsLongAsTheWindowAndGlobalStateLongerStill() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(TumblingEventTimeWindows.of(ofMillis(10)))
                        .allowedLateness(ofMillis(100))
                        .process(new CountFirings()))
            .open();
    harness.processElement(t("a", 1), 1).processWatermark(9);
    harness.processElement(t("a", 1), 2); // late firing of [0, 10)
    harness.processElement(t("a", 1), 15).processWatermark(19);
    assertThat(harness.getOutput())
        .containsExactly("a 0 firing 1 of 1", "a 0 firing 2 of 2", "a 10 firing 1 of 3");
    assertThat(harness.numNamespacedStateEntries("firings")).isEqualTo(2);
    harness.processWatermark(200);
    assertNothingLeft(harness, "firings");
    assertThat(harness.numKeyedStateEntries("total")).isEqualTo(1);
  }

  @Test
  void perWindowStateIsRefusedForMergingWindows() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in ->
                    in.keyBy(x -> x.f0)
                        .window(EventTimeSessionWindows.withGap(ofMillis(10)))
                        .process(new CountFirings()))
            .open();
    harness.processElement(t("a", 1), 1);
    assertThatThrownBy(() -> harness.processWatermark(100))
        .isInstanceOf(RuntimeException.class)
        .hasStackTraceContaining("Per-window state is not available with merging windows");
  }

  @Test
  void windowAllSeesEveryKey() {
    var harness =
        OperatorHarness.forWindow(
                IN, in -> in.windowAll(TumblingEventTimeWindows.of(ofMillis(10))).sum(1))
            .open();
    harness.processElement(t("a", 1), 1).processElement(t("b", 2), 2).processWatermark(9);
    assertThat(harness.getOutput()).containsExactly(t("a", 3));
  }

  @Test
  void aPreAggregatedWindowAllIsRefusedWithAHint() {
    assertThatThrownBy(
            () ->
                OperatorHarness.forWindow(
                    IN,
                    in ->
                        in.windowAll(TumblingEventTimeWindows.of(ofMillis(10)))
                            .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runs as two")
        .hasMessageContaining("in.keyBy(x -> 0).window(...)");
  }

  @Test
  void aRecordWithoutTimestampFailsAnEventTimeWindowWithAHint() {
    var harness =
        OperatorHarness.forWindow(
                IN,
                in -> in.keyBy(x -> x.f0).window(TumblingEventTimeWindows.of(ofMillis(10))).sum(1))
            .open();
    assertThatThrownBy(() -> harness.processElement(t("a", 1)))
        .isInstanceOf(OperatorException.class)
        .hasStackTraceContaining("has no event timestamp")
        .hasStackTraceContaining("assignTimestampsAndWatermarks");
  }

  @Test
  void hostileModeGivesTheSameOutput() {
    List<List<String>> outputs = new ArrayList<>();
    for (boolean hostile : new boolean[] {false, true}) {
      var harness =
          OperatorHarness.forWindow(
              IN,
              in ->
                  in.keyBy(x -> x.f0)
                      .window(EventTimeSessionWindows.withGap(ofMillis(3)))
                      .process(new Describe()));
      if (hostile) {
        harness.hostile();
      }
      harness.open();
      for (int i = 0; i < 200; i++) {
        harness.processElement(t("k" + (i % 7), i), (i * 7L) % 50 + i);
        if (i % 10 == 0) {
          harness.processWatermark(i - 20L);
        }
      }
      harness.processWatermark(Long.MAX_VALUE);
      outputs.add(harness.getOutput());
    }
    assertThat(outputs.get(1)).isEqualTo(outputs.get(0)).isNotEmpty();
  }
}
