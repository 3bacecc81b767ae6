package io.spry.api.windowing;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.windowing.assigners.DynamicEventTimeSessionWindows;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.GlobalWindows;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.NeverTrigger;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.windows.GlobalWindow;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssignersTest {
  static final WindowAssigner.WindowAssignerContext AT_1000 =
      new WindowAssigner.WindowAssignerContext() {
        @Override
        public long getCurrentProcessingTime() {
          return 1000;
        }
      };

  static TimeWindow w(long start, long end) {
    return new TimeWindow(start, end);
  }

  @Test
  void timeWindowsAreHalfOpen() {
    assertThat(w(0, 10).maxTimestamp()).isEqualTo(9);
    assertThat(w(0, 10).intersects(w(10, 20))).isTrue(); // touching counts, as in Flink
    assertThat(w(0, 10).intersects(w(11, 20))).isFalse();
    assertThat(w(0, 10).cover(w(5, 30))).isEqualTo(w(0, 30));
  }

  @Test
  void windowStartsAlignToTheOffsetAlsoForNegativeTimestamps() {
    assertThat(TimeWindow.getWindowStartWithOffset(7, 0, 5)).isEqualTo(5);
    assertThat(TimeWindow.getWindowStartWithOffset(-1, 0, 5)).isEqualTo(-5);
    assertThat(TimeWindow.getWindowStartWithOffset(-5, 0, 5)).isEqualTo(-5);
    assertThat(TimeWindow.getWindowStartWithOffset(7, 3, 5)).isEqualTo(3);
    assertThat(TimeWindow.getWindowStartWithOffset(2, 3, 5)).isEqualTo(-2);
  }

  @Test
  void tumblingWindowsHaveOneWindowPerRecord() {
    var hourly = TumblingEventTimeWindows.of(Duration.ofHours(1), Duration.ofMinutes(15));
    long t = Duration.ofMinutes(70).toMillis();
    assertThat(hourly.assignWindows("x", t, AT_1000))
        .containsExactly(w(Duration.ofMinutes(15).toMillis(), Duration.ofMinutes(75).toMillis()));
    assertThat(hourly.getDefaultTrigger()).isInstanceOf(EventTimeTrigger.class);
    assertThat(hourly.isEventTime()).isTrue();

    var processing = TumblingProcessingTimeWindows.of(ofMillis(300));
    assertThat(processing.assignWindows("x", Long.MIN_VALUE, AT_1000))
        .containsExactly(w(900, 1200));
    assertThat(processing.getDefaultTrigger()).isInstanceOf(ProcessingTimeTrigger.class);
  }

  @Test
  void slidingWindowsOverlapOrLeaveGaps() {
    var overlapping = SlidingEventTimeWindows.of(ofMillis(10), ofMillis(5));
    assertThat(overlapping.assignWindows("x", 7, AT_1000)).containsExactly(w(5, 15), w(0, 10));

    var gaps = SlidingEventTimeWindows.of(ofMillis(5), ofMillis(10)); // slide > size
    assertThat(gaps.assignWindows("x", 12, AT_1000)).containsExactly(w(10, 15));
    assertThat(gaps.assignWindows("x", 17, AT_1000)).isEmpty();
  }

  @Test
  void sessionWindowsMergeOverlappingAndTouchingWindows() {
    var sessions = EventTimeSessionWindows.withGap(ofMillis(10));
    assertThat(sessions.assignWindows("x", 5, AT_1000)).containsExactly(w(5, 15));
    List<String> merges = new ArrayList<>();
    sessions.mergeWindows(
        List.of(w(30, 40), w(0, 10), w(10, 20), w(50, 60), w(35, 45)),
        (toMerge, result) -> merges.add(toMerge + " -> " + result));
    assertThat(merges)
        .containsExactly(
            "[" + w(0, 10) + ", " + w(10, 20) + "] -> " + w(0, 20),
            "[" + w(30, 40) + ", " + w(35, 45) + "] -> " + w(30, 45));

    DynamicEventTimeSessionWindows<String> dynamic =
        EventTimeSessionWindows.withDynamicGap((String s) -> s.length());
    assertThat(dynamic.assignWindows("abc", 100, AT_1000)).containsExactly(w(100, 103));
    assertThatThrownBy(() -> dynamic.assignWindows("", 100, AT_1000))
        .hasMessageContaining("at least 1 ms");
  }

  @Test
  void globalWindowsHaveOneWindowThatNeverFiresByItself() {
    var global = GlobalWindows.create();
    assertThat(global.assignWindows("x", 5, AT_1000)).containsExactly(GlobalWindow.get());
    assertThat(global.getDefaultTrigger()).isInstanceOf(NeverTrigger.class);
    assertThat(GlobalWindow.get().maxTimestamp()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void badSizesFailWithTheCall() {
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TumblingEventTimeWindows.of(PT0S")
        .hasMessageContaining("size must be at least 1 ms");
    assertThatThrownBy(() -> SlidingEventTimeWindows.of(ofMillis(10), ofMillis(-1)))
        .hasMessageContaining("slide must be at least 1 ms");
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(ofMillis(10), ofMillis(10)))
        .hasMessageContaining("offset (10 ms) must be shorter than the window's period (10 ms)");
    assertThatThrownBy(() -> EventTimeSessionWindows.withGap(ofMillis(-5)))
        .hasMessageContaining("session gap must be at least 1 ms");
  }

  @Test
  void eventTimeWindowsNeedTimestamps() {
    assertThatThrownBy(
            () ->
                TumblingEventTimeWindows.of(ofMillis(10))
                    .assignWindows("x", Long.MIN_VALUE, AT_1000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("assignTimestampsAndWatermarks");
  }
}
