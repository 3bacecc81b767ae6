package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.StreamEnvironment;
import io.spry.api.connector.collection.NumberSequenceSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Periodic watermarks go out after {@code autoWatermarkRecords} records even when the watermark
 * interval never elapses (a clock that stands still), from a source and from {@code
 * assignTimestampsAndWatermarks}; with the setting at 0 only the interval counts.
 */
class WatermarkEveryRecordsJobTest implements java.io.Serializable {
  private static final long RECORDS = 30_000;
  private static final long EVERY = 5_000;

  /** The watermark each record saw when it arrived, by run. */
  static final Map<String, long[]> SEEN = new ConcurrentHashMap<>();

  /** A clock that never moves: the watermark interval never elapses. */
  static final class StoppedClock implements Clock {
    @Override
    public long millis() {
      return 1_000_000;
    }

    @Override
    public long nanos() {
      return 1_000_000_000_000L;
    }
  }

  /** Notes the watermark each record (its own timestamp, 0 .. RECORDS - 1) sees. */
  static final class NoteWatermark extends KeyedProcessFunction<Long, Long, Long> {
    private final String run;

    NoteWatermark(String run) {
      this.run = run;
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      SEEN.get(run)[(int) (long) v] = ctx.timerService().currentWatermark();
    }
  }

  private static long[] run(String name, long every, boolean midStream) throws Exception {
    SEEN.put(name, new long[(int) RECORDS]);
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.getConfig().setClock(new StoppedClock());
    if (every >= 0) {
      env.getConfig().setAutoWatermarkRecords(every);
    }
    WatermarkStrategy<Long> strategy =
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((v, ts) -> v);
    var stream =
        midStream
            ? env.fromSequence(0, RECORDS - 1).assignTimestampsAndWatermarks(strategy)
            : env.fromSource(new NumberSequenceSource(0, RECORDS - 1), strategy, "numbers");
    stream.keyBy(v -> 0L).process(new NoteWatermark(name)).addSink((v, c) -> {});
    env.execute(name);
    return SEEN.remove(name);
  }

  /**
   * The distinct watermarks records saw (none while they saw no watermark), in order; each record
   * saw one below its own timestamp.
   */
  private static List<Long> check(long[] seen) {
    List<Long> distinct = new ArrayList<>();
    long last = Long.MIN_VALUE;
    for (int i = 0; i < seen.length; i++) {
      assertThat(seen[i])
          .as("watermark seen by record %d", i)
          .isLessThan(i)
          .isGreaterThanOrEqualTo(last);
      if (seen[i] != last) {
        distinct.add(seen[i]);
        last = seen[i];
      }
    }
    return distinct;
  }

  /**
   * Each record's watermark is at most EVERY records plus one poll of the source (1,000 records)
   * behind it; records before the first watermark are within that many of the start.
   */
  private static void checkLag(long[] seen) {
    long bound = EVERY + 1_000 + 1;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i] == Long.MIN_VALUE) {
        assertThat((long) i).as("record %d saw no watermark yet", i).isLessThan(bound);
      } else {
        assertThat(i - seen[i]).as("lag of record %d", i).isLessThanOrEqualTo(bound);
      }
    }
  }

  @Test
  void aSourceEmitsAfterEveryNRecordsWhileTheClockStandsStill() throws Exception {
    long[] seen = run("source", EVERY, false);
    List<Long> watermarks = check(seen);
    // about RECORDS / EVERY watermarks, each at most EVERY records plus one poll behind
    assertThat(watermarks.size()).isBetween(4, 7);
    checkLag(seen);
  }

  @Test
  void assignTimestampsAndWatermarksEmitsAfterEveryNRecordsToo() throws Exception {
    long[] seen = run("mid-stream", EVERY, true);
    List<Long> watermarks = check(seen);
    assertThat(watermarks.size()).isBetween(4, 7);
    checkLag(seen);
  }

  @Test
  void theDefaultIsOnAndZeroTurnsItOff() throws Exception {
    assertThat(new io.spry.api.JobConfig().getAutoWatermarkRecords())
        .isEqualTo(io.spry.api.JobConfig.DEFAULT_AUTO_WATERMARK_RECORDS)
        .isPositive();
    List<Long> byDefault = check(run("default", -1, false));
    assertThat(byDefault).isNotEmpty();

    // only the final watermark, after the last record: no record sees one
    assertThat(check(run("off", 0, false))).isEmpty();
    assertThat(check(run("off mid-stream", 0, true))).isEmpty();
  }
}
