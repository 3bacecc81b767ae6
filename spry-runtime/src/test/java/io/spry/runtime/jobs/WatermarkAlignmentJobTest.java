package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spry.api.DataStream;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointingMode;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
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
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeHint;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.source.SourceOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watermark alignment through whole jobs: sources whose strategies name the same group keep their
 * watermarks within the maximum drift of the slowest, whether they are subtasks of one source or
 * different sources; a finished or idle member stops holding the others back; and without alignment
 * the same fast source runs far ahead (so the bound below is the alignment's doing).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatermarkAlignmentJobTest implements java.io.Serializable {
  private static final long DRIFT = 50;
  private static final int BATCH = 10;

  /** The latest timestamp each member emitted, by member (source id * 2 + subtask). */
  static final AtomicLongArray LATEST = new AtomicLongArray(4);

  /** The furthest the fast member's next record was ahead of the slow member's latest. */
  static final AtomicLong MAX_LEAD = new AtomicLong();

  static final AtomicLong RECEIVED = new AtomicLong();

  record Split(int member) implements SourceSplit {
    @Override
    public String splitId() {
      return "member-" + member;
    }
  }

  /**
   * Each subtask emits timestamps 0, 1, 2, ... ({@link #BATCH} per poll) and records its latest in
   * {@link #LATEST}. The slow member sleeps 1 ms per poll and, when {@code slowStopsAt >= 0}, stops
   * there without ending (an input gone quiet). The fast member waits for the slow one's first
   * watermark, then measures its lead over the slow one before each poll.
   */
  static final class PacedSource implements Source<Long, Split> {
    private final int id;
    private final int records;
    private final int fastMember;
    private final int slowMember;
    private final int slowStopsAt;

    PacedSource(int id, int records, int fastMember, int slowMember, int slowStopsAt) {
      this.id = id;
      this.records = records;
      this.fastMember = fastMember;
      this.slowMember = slowMember;
      this.slowStopsAt = slowStopsAt;
    }

    @Override
    public Boundedness getBoundedness() {
      return slowStopsAt < 0 ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split> createEnumerator(SplitEnumeratorContext<Split> ctx) {
      return subtask -> {
        ctx.assignSplit(new Split(id * 2 + subtask), subtask);
        ctx.signalNoMoreSplits(subtask);
      };
    }

    @Override
    public SourceReader<Long, Split> createReader(SourceReaderContext ctx) {
      return new SourceReader<>() {
        private Split split;
        private boolean noMore;
        private long next;

        @Override
        public void start() {
          ctx.sendSplitRequest();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> out) throws InterruptedException {
          if (split == null) {
            return noMore ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
          }
          int member = split.member();
          boolean slow = member == slowMember;
          if (slow && slowStopsAt >= 0 && next >= slowStopsAt) {
            return InputStatus.NOTHING_AVAILABLE; // quiet for ever
          }
          if (slow) {
            Thread.sleep(1); // before its records: its watermark goes out right after them
          } else if (member == fastMember) {
            // A member takes part from its first watermark, which goes out after its first poll:
            // the fast one starts once the slow one is in its second.
            long slowLatest = LATEST.get(slowMember);
            if (slowLatest < BATCH) {
              return InputStatus.NOTHING_AVAILABLE;
            }
            MAX_LEAD.accumulateAndGet(next - slowLatest, Math::max);
          }
          for (int i = 0; i < BATCH && next < records; i++, next++) {
            out.collect(next, next);
            LATEST.set(member, next);
          }
          return next < records ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
        }

        @Override
        public void addSplits(List<Split> splits) {
          split = splits.get(0);
        }

        @Override
        public void notifyNoMoreSplits() {
          noMore = true;
        }
      };
    }

    @Override
    public TypeInfo<Long> getProducedType() {
      return TypeInfo.of(Long.class);
    }
  }

  private static void reset() {
    for (int i = 0; i < LATEST.length(); i++) {
      LATEST.set(i, -1);
    }
    MAX_LEAD.set(0);
    RECEIVED.set(0);
  }

  private static StreamEnvironment environment() {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkRecords(1); // a watermark after every poll
    return env;
  }

  private static WatermarkStrategy<Long> aligned(String group) {
    return WatermarkStrategy.<Long>forMonotonousTimestamps()
        .withWatermarkAlignment(group, Duration.ofMillis(DRIFT));
  }

  private static void count(DataStream<Long> stream) {
    stream.addSink((v, c) -> RECEIVED.incrementAndGet()).setParallelism(1);
  }

  @Test
  void subtasksOfOneSourceStayWithinTheDriftAndAllRecordsArrive() throws Exception {
    reset();
    int records = 3000;
    StreamEnvironment env = environment();
    count(env.fromSource(new PacedSource(0, records, 0, 1, -1), aligned("g"), "paced"));
    JobResult result = env.execute("aligned subtasks");
    assertThat(RECEIVED.get()).isEqualTo(2L * records);
    assertThat(result.counter(SourceOperator.ALIGNMENT_WAITS)).isPositive();
    assertThat(result.counter(SourceOperator.ALIGNMENT_WAIT_MILLIS)).isPositive();
    // the fast subtask reads only while its watermark (its latest - 1) is within DRIFT of the slow
    // one's, which its latest record is ahead of: so its next record leads by at most DRIFT + 1
    assertThat(MAX_LEAD.get()).isBetween(DRIFT - BATCH, DRIFT + 1);
  }

  @Test
  void withoutAlignmentTheFastSubtaskRunsFarAhead() throws Exception {
    reset();
    int records = 3000;
    StreamEnvironment env = environment();
    count(
        env.fromSource(
            new PacedSource(0, records, 0, 1, -1),
            WatermarkStrategy.forMonotonousTimestamps(),
            "paced"));
    env.execute("free subtasks");
    assertThat(RECEIVED.get()).isEqualTo(2L * records);
    assertThat(MAX_LEAD.get()).isGreaterThan(10 * DRIFT);
  }

  @Test
  void differentSourcesOfOneGroupAlign() throws Exception {
    assertThat(leadOfTwoSources("shared", "shared")).isBetween(DRIFT - BATCH, DRIFT + 1);
  }

  @Test
  void sourcesOfOtherGroupsDoNotWaitForEachOther() throws Exception {
    assertThat(leadOfTwoSources("one", "other")).isGreaterThan(10 * DRIFT);
  }

  /**
   * Source 0 (fast, member 0) and source 1 (slow, member 2), a subtask each, aligned in the groups
   * given; every record must arrive. Returns the fast one's largest lead.
   */
  private static long leadOfTwoSources(String fastGroup, String slowGroup) throws Exception {
    reset();
    int records = 3000;
    StreamEnvironment env = environment();
    DataStream<Long> fast =
        env.fromSource(new PacedSource(0, records, 0, 2, -1), aligned(fastGroup), "fast")
            .setParallelism(1);
    DataStream<Long> slow =
        env.fromSource(new PacedSource(1, records, 0, 2, -1), aligned(slowGroup), "slow")
            .setParallelism(1);
    count(fast.union(slow));
    env.execute("two sources");
    assertThat(RECEIVED.get()).isEqualTo(2L * records);
    return MAX_LEAD.get();
  }

  @Test
  void aQuietMemberHoldsTheOthersBackUntilItIsIdle() throws Exception {
    int records = 2000;
    int quietAt = 100;
    // without idleness the quiet subtask's watermark stays where it stopped, so the fast one waits
    reset();
    StreamEnvironment env = environment();
    count(env.fromSource(new PacedSource(0, records, 0, 1, quietAt), aligned("g"), "quiet"));
    JobHandle held = env.executeAsync("held back");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> LATEST.get(1) == quietAt - 1);
      Thread.sleep(300);
      assertThat(LATEST.get(0)).isLessThanOrEqualTo(quietAt + DRIFT + BATCH);
    } finally {
      held.cancel();
    }
    // with idleness the quiet subtask withdraws from the group, and the fast one reads to its end
    reset();
    env = environment();
    count(
        env.fromSource(
            new PacedSource(0, records, 0, 1, quietAt),
            aligned("g").withIdleness(Duration.ofMillis(50)),
            "quiet, idle"));
    JobHandle idle = env.executeAsync("idle member");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> LATEST.get(0) == records - 1);
    } finally {
      idle.cancel();
    }
  }

  static final AtomicLong LATE = new AtomicLong();

  /**
   * Subtask 0 reads two splits through their own outputs, a poll each in turn: "a" with timestamps
   * 30 + i, "b" with timestamps i, {@code records} each. Subtask 1 emits 0 .. 199 (a poll of {@link
   * #BATCH} every ms), then goes quiet for ever.
   */
  static final class TwoSplitsAndAQuietOne implements Source<Long, Split> {
    private final int records;

    TwoSplitsAndAQuietOne(int records) {
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
          ctx.assignSplit(new Split(0), 0);
          ctx.assignSplit(new Split(1), 0);
        } else {
          ctx.assignSplit(new Split(2), subtask);
        }
      };
    }

    @Override
    public SourceReader<Long, Split> createReader(SourceReaderContext ctx) {
      return new SourceReader<>() {
        private final java.util.List<Split> splits = new java.util.ArrayList<>();
        private final long[] next = new long[3];
        private int turn;

        @Override
        public void start() {
          ctx.sendSplitRequest();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> out) throws InterruptedException {
          if (splits.isEmpty()) {
            return InputStatus.NOTHING_AVAILABLE;
          }
          if (splits.get(0).member() == 2) {
            if (next[2] >= 200) {
              return InputStatus.NOTHING_AVAILABLE; // quiet for ever
            }
            Thread.sleep(1);
            for (int i = 0; i < BATCH; i++, next[2]++) {
              out.collect(next[2], next[2]);
            }
            return InputStatus.MORE_AVAILABLE;
          }
          if (splits.size() < 2) {
            return InputStatus.NOTHING_AVAILABLE;
          }
          // both outputs from the start, so each split's watermark counts before it is read
          SourceOutput<Long> a = out.createOutputForSplit(splits.get(0).splitId());
          SourceOutput<Long> b = out.createOutputForSplit(splits.get(1).splitId());
          int m = turn++ % 2; // one split per poll: after a wait, the other split gets nothing
          SourceOutput<Long> o = m == 0 ? a : b;
          long offset = m == 0 ? 30 : 0;
          for (int i = 0; i < BATCH && next[m] < records; i++, next[m]++) {
            o.collect(offset + next[m], offset + next[m]);
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

  /** Counts the records behind the watermark where they arrive. */
  static final class CountLate extends KeyedProcessFunction<Long, Long, Long> {
    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      RECEIVED.incrementAndGet();
      if (ctx.timestamp() <= ctx.timerService().currentWatermark()) {
        LATE.incrementAndGet();
      }
    }
  }

  @Test
  void waitingForTheGroupDoesNotMakeTheWaitingSubtasksSplitsIdle() throws Exception {
    reset();
    LATE.set(0);
    int records = 1000;
    StreamEnvironment env = environment();
    // The quiet subtask goes idle 100 ms after its last record, and the fast one, held at about
    // 250 until then, reads on. Its first poll after the wait has records of split "a" only; had
    // the wait counted as inactivity, split "b" would be idle then, the subtask's watermark would
    // jump to "a"'s (30 ahead), and "b"'s next records would arrive late.
    env.fromSource(
            new TwoSplitsAndAQuietOne(records),
            aligned("g").withIdleness(Duration.ofMillis(100)),
            "two splits and a quiet one")
        .keyBy(x -> 0L)
        .process(new CountLate())
        .setParallelism(1)
        .addSink((v, c) -> {});
    JobHandle job = env.executeAsync("waits are not idleness");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.get() == 2L * records + 200);
      assertThat(LATE.get()).isZero();
    } finally {
      job.cancel();
    }
  }

  static final java.util.concurrent.atomic.AtomicInteger FAILURES =
      new java.util.concurrent.atomic.AtomicInteger();

  static final java.util.Map<Long, Long> MAX_SUM = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * After the failure: the first and the latest index of the lower block, and the upper block's
   * largest lead once the lower one has read on for a while.
   */
  static final AtomicLong FIRST_LOWER_AFTER = new AtomicLong();

  static final AtomicLong LOWER_AFTER = new AtomicLong();

  static final AtomicLong LEAD_AFTER = new AtomicLong();

  @Test
  void anAlignedJobRestoresAfterAFailureWhileOneSubtaskWaits(@TempDir Path dir) throws Exception {
    FAILURES.set(0);
    MAX_SUM.clear();
    FIRST_LOWER_AFTER.set(-1);
    LOWER_AFTER.set(-1);
    LEAD_AFTER.set(Long.MIN_VALUE);
    long n = 20_000;
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig().setAutoWatermarkRecords(1); // a watermark after every poll
    env.enableCheckpointing(Duration.ofMillis(50), CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setStorage(dir.toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(10)));
    // Two contiguous blocks with timestamp = index: the subtask with the upper block is 10,000 ms
    // ahead and waits for the lower one for most of the run, through checkpoints and the restart.
    env.fromSource(
            new DataGeneratorSource<>(i -> i, n, 20_000, TypeInfo.of(Long.class)),
            WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((v, ts) -> v)
                .withWatermarkAlignment("blocks", Duration.ofMillis(100)),
            "blocks")
        .map(
            v -> {
              if (v == 5_000 && FAILURES.getAndIncrement() == 0) {
                throw new IllegalStateException("injected failure at " + v);
              }
              if (FAILURES.get() > 0) { // restored: the upper block still waits for the lower
                if (v < n / 2) {
                  FIRST_LOWER_AFTER.compareAndSet(-1, v);
                  LOWER_AFTER.accumulateAndGet(v, Math::max);
                } else if (FIRST_LOWER_AFTER.get() >= 0
                    && LOWER_AFTER.get() > FIRST_LOWER_AFTER.get() + 200
                    && LOWER_AFTER.get() < n / 2 - 1) {
                  // A restarted subtask takes part from its first watermark: until the lower one
                  // has emitted some, the upper one may read a poll ahead; once the lower one has
                  // finished, it holds nobody back. In between the upper one waits.
                  LEAD_AFTER.accumulateAndGet(v - LOWER_AFTER.get(), Math::max);
                }
              }
              return Tuple2.of(v % 7, v);
            })
        .returns(new TypeHint<Tuple2<Long, Long>>() {})
        .keyBy(t -> t.f0)
        .sum(1)
        .addSink((t, c) -> MAX_SUM.merge(t.f0, t.f1, Math::max));
    JobHandle h = env.executeAsync("aligned recovery");
    JobResult r = h.await(Duration.ofSeconds(50));
    assertThat(r.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(h.restarts()).isEqualTo(1);
    assertThat(h.checkpoints()).isNotEmpty();
    assertThat(r.counter(SourceOperator.ALIGNMENT_WAITS)).isPositive();
    java.util.Map<Long, Long> expected = new java.util.HashMap<>();
    for (long i = 0; i < n; i++) {
      expected.merge(i % 7, i, Long::sum);
    }
    assertThat(MAX_SUM).isEqualTo(expected); // every record counted once, after the restore too
    // the restored upper block read only near the lower one (10,000 ahead had it not waited)
    assertThat(LEAD_AFTER.get()).isBetween(1L, 100 + 1_000L);
  }

  @Test
  void alignmentIsForSourcesOnly() {
    StreamEnvironment env = environment();
    DataStream<Long> s = env.fromSequence(0, 10);
    assertThatThrownBy(() -> s.assignTimestampsAndWatermarks(aligned("g")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group 'g'")
        .hasMessageContaining("env.fromSource(source, strategy, name)");
  }
}
