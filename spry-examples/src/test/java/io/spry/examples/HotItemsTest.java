package io.spry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.examples.HotItems.Click;
import io.spry.examples.HotItems.ClickGenerator;
import io.spry.examples.HotItems.ItemCount;
import io.spry.examples.HotItems.TopItems;
import io.spry.runtime.testing.Await;
import io.spry.testkit.JobTestDriver;
import io.spry.testkit.ListSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotItemsTest {
  private static final long BASE = ClickGenerator.BASE;

  /** What the job should report, computed directly, one click at a time, without Spry. */
  record Expected(List<TopItems> windows, List<Click> late) {}

  /**
   * The job's rule, written out: the source (one subtask) emits click {@code i}, then the watermark
   * {@code max(time of clicks 0..i) - 2 s - 1 ms} if it moved. So when click {@code i} reaches the
   * windows the watermark is {@code max(time of clicks 0..i-1) - 2001} (none before click 0). The
   * click is counted in each of its windows {@code [start, end)} whose last millisecond {@code end
   * - 1} is after the watermark (allowed lateness 0); if it has windows but none of them is open it
   * is late (a click in a gap between windows, when the slide is longer, is just not counted).
   * Every window with a click is reported at the end (the final watermark closes them all).
   */
  static Expected expected(long events, long size, long slide, int top) {
    ClickGenerator gen = new ClickGenerator();
    Map<Long, Map<Long, Map<Integer, Long>>> counts = new TreeMap<>(); // end -> start -> item -> n
    List<Click> late = new ArrayList<>();
    long max = Long.MIN_VALUE;
    for (long i = 0; i < events; i++) {
      Click c = gen.map(i);
      long watermark = i == 0 ? Long.MIN_VALUE : max - 2000 - 1;
      boolean counted = false;
      boolean inAWindow = false;
      for (long start = Math.floorDiv(c.time(), slide) * slide;
          start > c.time() - size;
          start -= slide) {
        long end = start + size;
        inAWindow = true;
        if (end - 1 > watermark) {
          counts
              .computeIfAbsent(end, e -> new TreeMap<>())
              .computeIfAbsent(start, s -> new HashMap<>())
              .merge(c.item(), 1L, Long::sum);
          counted = true;
        }
      }
      if (inAWindow && !counted) {
        late.add(c);
      }
      max = Math.max(max, c.time());
    }
    List<TopItems> windows = new ArrayList<>();
    counts.forEach(
        (end, byStart) ->
            byStart.forEach(
                (start, perItem) -> {
                  List<ItemCount> all = new ArrayList<>();
                  perItem.forEach((item, n) -> all.add(new ItemCount(item, start, end, n)));
                  all.sort(
                      (a, b) ->
                          a.count() != b.count()
                              ? Long.compare(b.count(), a.count())
                              : Integer.compare(a.item(), b.item()));
                  windows.add(new TopItems(start, end, all.subList(0, Math.min(top, all.size()))));
                }));
    return new Expected(windows, late);
  }

  static ExampleArgs args(long events, String size, String slide, int top) {
    return ExampleArgs.empty()
        .with(HotItems.EVENTS, Long.toString(events))
        .with(HotItems.RATE, "0")
        .with(HotItems.SIZE, size)
        .with(HotItems.SLIDE, slide)
        .with(HotItems.TOP, Integer.toString(top));
  }

  @ParameterizedTest(name = "p={0} events={1} size={2} slide={3} top={4}")
  @CsvSource({
    "1, 30000, 10s, 2s, 3",
    "2, 30000, 10s, 2s, 3",
    "4, 30000, 10s, 2s, 3",
    "2, 20000, 4s, 1s, 5",
    "3, 12345, 3s, 3s, 2", // tumbling
    "2, 20000, 1500ms, 2s, 3", // slide > size: some clicks fall in no window (not late)
    "2, 100000, 40s, 10s, 4", // windows longer than the far-late delay: some are on time
  })
  void reportsTheBusiestItemsPerWindowAndTheLateClicksExactly(
      int parallelism, long events, String size, String slide, int top) {
    JobTestDriver driver = JobTestDriver.create(parallelism);
    HotItems.Settings settings = HotItems.Settings.of(args(events, size, slide, top));
    HotItems.Job job = HotItems.job(driver.env(), settings);
    ListSink<TopItems> windows = driver.sinkToList(job.topItems());
    ListSink<Click> late = driver.sinkToList(job.lateClicks());
    ListSink<String> lines = driver.sinkToList(job.lines());
    JobResult result = driver.run();

    Expected expected =
        expected(events, settings.size().toMillis(), settings.slide().toMillis(), top);
    assertThat(windows.getRecords()).containsExactlyElementsOf(expected.windows());
    assertThat(late.getRecords()).containsExactlyInAnyOrderElementsOf(expected.late());
    assertThat(result.counter(HotItems.LATE_COUNTER)).isEqualTo(expected.late().size());
    assertThat(result.counter(HotItems.WINDOWS_COUNTER)).isEqualTo(expected.windows().size());

    // the printed lines: one per window, in order, and one per 100 late clicks
    List<String> printed = lines.getRecords();
    assertThat(printed.stream().filter(l -> l.startsWith("[")).toList())
        .containsExactlyElementsOf(expected.windows().stream().map(TopItems::toString).toList());
    long lateLines = expected.late().size() / HotItems.LATE_REPORT_EVERY;
    assertThat(printed.stream().filter(l -> l.startsWith("late events: ")))
        .hasSize((int) lateLines);
    if (lateLines > 0) {
      assertThat(printed).contains("late events: 100 so far (sent to side output)");
    }
  }

  @Test
  void withTheDefaultsExactlyTheThirtySecondStragglersAreLate() {
    // The design the exact test relies on, stated: the normal disorder (up to 2 s) is within the
    // watermark's bound, so those clicks are never late; the 30 s stragglers always are, since
    // their last window (10 s) closed some 18 s before they come.
    long events = 40_000;
    Expected e = expected(events, 10_000, 2_000, 3);
    List<Click> farLate = new ArrayList<>();
    ClickGenerator gen = new ClickGenerator();
    for (long i = 0; i < events; i++) {
      if (ClickGenerator.isFarLate(i)) {
        farLate.add(gen.map(i));
      }
    }
    assertThat(e.late()).containsExactlyElementsOf(farLate);
    assertThat(farLate.size()).isBetween(300, 500); // about 1 in 100
    // the clicks are from 12:00:00 to 12:00:22: windows [11:59:52, 12:00:02) to [12:00:20, ...)
    assertThat(e.windows()).hasSize(15);
    assertThat(e.windows().get(0).toString()).startsWith("[11:59:52, 12:00:02) top items: ");
  }

  @Test
  void theClicksAreAPureFunctionOfTheIndexWithSkewAndBoundedDisorder() {
    ClickGenerator a = new ClickGenerator();
    ClickGenerator b = new ClickGenerator();
    long max = BASE;
    Map<Integer, Integer> perItem = new HashMap<>();
    int n = 40_000; // the first 20 s: one popularity ranking
    for (long i = 0; i < n; i++) {
      Click c = a.map(i);
      assertThat(c).isEqualTo(b.map(i));
      assertThat(c.item()).isBetween(1, ClickGenerator.ITEMS);
      if (!ClickGenerator.isFarLate(i)) {
        assertThat(c.time()).isBetween(BASE + i / 2, BASE + i / 2 + 2000);
        assertThat(c.time()).isGreaterThanOrEqualTo(max - 2000);
        max = Math.max(max, c.time());
      } else {
        assertThat(c.time()).isBetween(BASE + i / 2 - 30_000, BASE + i / 2 + 2000 - 30_000);
      }
      perItem.merge(c.item(), 1, Integer::sum);
    }
    // the hottest item gets about 30%, the coldest about 2%
    assertThat(perItem.get(1)).isBetween(n * 28 / 100, n * 32 / 100);
    assertThat(perItem.values().stream().mapToInt(Integer::intValue).min().getAsInt())
        .isLessThan(n * 3 / 100);
    // the next 20 s, another ranking: a cold item (item-4) is the hottest
    Map<Integer, Integer> next = new HashMap<>();
    for (long i = n; i < 2 * n; i++) {
      next.merge(a.map(i).item(), 1, Integer::sum);
    }
    assertThat(perItem.get(4)).isLessThan(n * 4 / 100);
    assertThat(next.get(4)).isBetween(n * 28 / 100, n * 32 / 100);
  }

  @Test
  void printsWindowsLikeAClock() {
    TopItems t =
        new TopItems(
            BASE + 10_000,
            BASE + 20_000,
            List.of(
                new ItemCount(3, BASE + 10_000, BASE + 20_000, 412),
                new ItemCount(7, BASE + 10_000, BASE + 20_000, 398)));
    assertThat(t).hasToString("[12:00:10, 12:00:20) top items: item-3=412, item-7=398");
    assertThat(HotItems.formatTime(BASE + 1_500)).isEqualTo("12:00:01.500");
    assertThat(new Click(4, BASE - 30_000)).hasToString("item-4@11:59:30");
  }

  @Test
  void runsWithoutEndWithEventsZeroUntilCancelled() throws Exception {
    JobTestDriver driver = JobTestDriver.create(2);
    HotItems.Job job = HotItems.job(driver.env(), HotItems.Settings.of(args(0, "10s", "2s", 3)));
    ListSink<TopItems> windows = driver.sinkToList(job.topItems());
    JobHandle handle = driver.start();
    try {
      Await.until(
          Duration.ofSeconds(30),
          () -> "20 windows (got " + windows.getRecords().size() + ")",
          () -> windows.getRecords().size() >= 20);
      assertThat(handle.status()).isEqualTo(JobStatus.RUNNING);
    } finally {
      handle.cancel();
    }
    assertThat(handle.await(Duration.ofSeconds(10)).status()).isEqualTo(JobStatus.CANCELED);
    List<TopItems> got = windows.getRecords();
    assertThat(got.size()).isGreaterThanOrEqualTo(20);
    // the same windows as a bounded run, as far as it went (apart from the last few, which a
    // bounded run closes early at its end)
    List<TopItems> expected = expected(60_000, 10_000, 2_000, 3).windows();
    assertThat(got.subList(0, 10)).containsExactlyElementsOf(expected.subList(0, 10));
  }

  @Test
  void summarisesTheRun() {
    HotItems.Settings s = HotItems.Settings.of(ExampleArgs.empty());
    JobResult done =
        new JobResult(
            "id",
            "hot-items",
            JobStatus.FINISHED,
            Duration.ofMillis(30_200),
            Map.of(HotItems.LATE_COUNTER, 591L, HotItems.WINDOWS_COUNTER, 19L));
    assertThat(HotItems.summary(done, s))
        .isEqualTo(
            "done: 60000 clicks, 19 windows, 591 late events (sent to side output, not counted),"
                + " in 30.2 s");
    JobResult stopped =
        new JobResult("id", "hot-items", JobStatus.CANCELED, Duration.ZERO, Map.of());
    assertThat(HotItems.summary(stopped, s))
        .isEqualTo("stopped: 0 windows, 0 late events (sent to side output, not counted)");
  }

  @Test
  void rejectsBadOptions() {
    HotItems ex = new HotItems();
    StreamEnvironment env = StreamEnvironment.create();
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("size", "0s")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--size must be positive");
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("slide", "soon")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--slide must be a duration like 10s");
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("top", "0")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--top");
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("events", "-1")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--events");
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("rate", "-5")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--rate");
    assertThat(HotItems.duration(ExampleArgs.empty().with("size", "90"), "size", null))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(HotItems.duration(ExampleArgs.empty().with("size", "1m"), "size", null))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(HotItems.duration(ExampleArgs.empty().with("size", "250ms"), "size", null))
        .isEqualTo(Duration.ofMillis(250));
  }
}
