package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.types.TypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Per-split watermarks, idleness and ingestion time, through whole jobs. */
class WatermarkJobTest implements java.io.Serializable {

  /** A split of the test sources: its id and the timestamp offset of its records. */
  record Split(String splitId, long offset) implements SourceSplit {}

  /**
   * One reader per subtask. Subtask 0 reads two splits in turns: split "fast" has timestamps 1000 +
   * i, split "slow" has timestamps i. With per-split outputs the watermark follows the slow split;
   * other subtasks emit nothing and never end (an idle input). Unbounded.
   */
  static final class TwoSplitSource implements Source<Long, Split> {
    private final boolean perSplit;
    private final int records;

    TwoSplitSource(boolean perSplit, int records) {
      this.perSplit = perSplit;
      this.records = records;
    }

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split> createEnumerator(SplitEnumeratorContext<Split> ctx) {
      return subtask -> {
        if (subtask == 0) {
          ctx.assignSplit(new Split("fast", 1000), 0);
          ctx.assignSplit(new Split("slow", 0), 0);
        }
      };
    }

    @Override
    public SourceReader<Long, Split> createReader(SourceReaderContext ctx) {
      return new SourceReader<>() {
        private final java.util.List<Split> splits = new java.util.ArrayList<>();
        private int next;

        @Override
        public void start() {
          ctx.sendSplitRequest();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> out) throws InterruptedException {
          if (splits.size() < 2 || next >= records) {
            return InputStatus.NOTHING_AVAILABLE;
          }
          for (Split s : splits) {
            SourceOutput<Long> o = perSplit ? out.createOutputForSplit(s.splitId()) : out;
            o.collect(s.offset() + next, s.offset() + next);
          }
          next++;
          if (next % 20 == 0) {
            Thread.sleep(1); // let periodic watermarks interleave with the records
          }
          return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public void addSplits(List<Split> added) {
          splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {}
      };
    }

    @Override
    public TypeInfo<Long> getProducedType() {
      return TypeInfo.of(Long.class);
    }
  }

  static final ConcurrentLinkedQueue<String> OUT = new ConcurrentLinkedQueue<>();
  static final java.util.concurrent.atomic.AtomicInteger SEEN =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Reports records that arrive behind the watermark, and fires a timer per 100 ms bucket. */
  static final class LateDetector extends KeyedProcessFunction<Long, Long, String> {
    @Override
    public void processElement(Long v, Context ctx, Collector<String> out) {
      SEEN.incrementAndGet();
      if (ctx.timestamp() <= ctx.timerService().currentWatermark()) {
        OUT.add("late " + v + " at " + ctx.timerService().currentWatermark());
      }
      long ts = ctx.timestamp();
      ctx.timerService().registerEventTimeTimer(ts - ts % 100 + 99);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<String> out) {
      OUT.add("fired " + time);
    }
  }

  private static JobHandle start(boolean perSplit, WatermarkStrategy<Long> strategy, int records) {
    OUT.clear();
    SEEN.set(0);
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(5));
    env.fromSource(new TwoSplitSource(perSplit, records), strategy, "two splits")
        .keyBy(x -> 0L)
        .process(new LateDetector())
        .addSink((v, c) -> {});
    return env.executeAsync("watermarks");
  }

  @Test
  void perSplitWatermarksFollowTheSlowestSplitAndAnIdleSubtaskDoesNotHoldTimersBack()
      throws Exception {
    JobHandle h =
        start(
            true,
            WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ofMillis(50)),
            1000);
    // Subtask 1 of the source never emits: only idleness lets the watermark through.
    await().atMost(Duration.ofSeconds(20)).until(() -> OUT.contains("fired 899"));
    h.cancel();
    h.await(Duration.ofSeconds(10));
    assertThat(OUT).noneMatch(s -> s.startsWith("late"));
  }

  @Test
  void withoutPerSplitOutputsTheSlowSplitsRecordsAreLate() throws Exception {
    JobHandle h =
        start(
            false,
            WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ofMillis(50)),
            1000);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> OUT.stream().anyMatch(s -> s.startsWith("late")));
    h.cancel();
    h.await(Duration.ofSeconds(10));
  }

  @Test
  void withoutIdlenessAnInputThatNeverEmitsHoldsEventTimeBack() throws Exception {
    JobHandle h = start(true, WatermarkStrategy.forMonotonousTimestamps(), 300);
    // Wait until every record went through (each registers a timer), then give watermarks time.
    await().atMost(Duration.ofSeconds(20)).until(() -> SEEN.get() >= 600);
    Thread.sleep(300);
    h.cancel();
    h.await(Duration.ofSeconds(10));
    assertThat(OUT).noneMatch(s -> s.startsWith("fired"));
  }

  @Test
  void ingestionTimeStampsRecordsWithTheClock() {
    io.spry.api.time.Clock fixed =
        new io.spry.api.time.Clock() {
          @Override
          public long millis() {
            return 42_000;
          }

          @Override
          public long nanos() {
            return System.nanoTime();
          }
        };
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.setClock(fixed);
    List<Long> stamps =
        env.fromSource(
                new io.spry.api.connector.collection.NumberSequenceSource(1, 5),
                WatermarkStrategy.ingestionTime(),
                "seq")
            .process(
                new io.spry.api.functions.ProcessFunction<Long, Long>() {
                  @Override
                  public void processElement(Long v, Context ctx, Collector<Long> out) {
                    out.collect(ctx.timestamp());
                  }
                })
            .executeAndCollect(10);
    assertThat(stamps).containsExactly(42_000L, 42_000L, 42_000L, 42_000L, 42_000L);
  }
}
