package io.spry.benchmarks;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.time.Clock;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.OperatorContext;
import io.spry.runtime.operator.Output;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.window.SlicingWindowOperator;
import io.spry.runtime.operator.window.WindowOperator;
import io.spry.runtime.operator.window.WindowOperators;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Drives one keyed window operator directly, as a task would (set the key, process the record; now
 * and then a watermark), with a discarding output: the window operator's own cost per record.
 *
 * <p>The input: {@code keys} keys ({@code "user-<n>"}, uniformly random), {@code eventsPerMs}
 * records per millisecond of event time, each up to {@link #DISORDER} ms out of order, and a
 * bounded-out-of-orderness watermark ({@code max - DISORDER - 1}) after every {@link
 * #WATERMARK_EVERY} records. The function is an incremental count and sum per key with a mutable
 * accumulator.
 */
public final class WindowDriver {
  static final int DISORDER = 50;
  static final int WATERMARK_EVERY = 1000;
  static final int MAX_PARALLELISM = 128;
  static final TypeInfo<Tuple2<String, Long>> TYPE = Types.TUPLE(Types.STRING, Types.LONG);

  /** The windows and operator benchmarked. */
  public enum Mode {
    /** 10 s tumbling, as {@code WindowOperators.create} chooses it (one slice per window). */
    TUMBLING(false),
    /** 10 s tumbling on the general {@code WindowOperator}. */
    TUMBLING_GENERAL(true),
    /** 10 s sliding by 100 ms, as {@code WindowOperators.create} chooses it (sliced). */
    SLIDING(false),
    /** 10 s sliding by 100 ms on the general {@code WindowOperator}: 100 windows per record. */
    SLIDING_GENERAL(true);

    final boolean general;

    Mode(boolean general) {
      this.general = general;
    }

    WindowAssigner<Object, TimeWindow> assigner() {
      return name().startsWith("TUMBLING")
          ? TumblingEventTimeWindows.of(Duration.ofSeconds(10))
          : SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofMillis(100));
    }
  }

  /** Count and sum of the values; adds in place. */
  public static final class CountAndSum
      implements AggregateFunction<Tuple2<String, Long>, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Tuple2<String, Long> value, long[] acc) {
      acc[0]++;
      acc[1] += value.f1;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0] * 1_000_000 + acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  /** Counts what the operator emits. */
  static final class CountingOutput implements Output<Object> {
    long results;
    long checksum;

    @Override
    public void collect(Object record, long timestamp) {
      results++;
      checksum += (Long) record;
    }

    @Override
    public void emitWatermark(long watermark) {}
  }

  private final Mode mode;
  private final int keys;
  private final HeapKeyedStateBackend backend;
  private final StreamOperator<?> operator;
  private final OneInputOperator<Tuple2<String, Long>> input;
  private final CountingOutput output = new CountingOutput();
  private final Tuple2<String, Long>[] records;
  private final int[] disorder;
  private final long eventsPerMs;
  private long next;
  private long maxTimestamp = Long.MIN_VALUE;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public WindowDriver(Mode mode, int keys, long eventsPerMs, long seed) throws Exception {
    this.mode = mode;
    this.keys = keys;
    this.eventsPerMs = eventsPerMs;
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    DataStream<Long> windowed =
        env.fromCollection(List.of(), TYPE)
            .keyBy(t -> t.f0)
            .window(mode.assigner())
            .aggregate(new CountAndSum());
    WindowSpec spec =
        (WindowSpec) ((OneInputTransformation<?, ?>) windowed.getTransformation()).getFunction();
    operator = mode.general ? WindowOperators.createGeneral(spec) : WindowOperators.create(spec);
    input = (OneInputOperator<Tuple2<String, Long>>) operator;
    backend =
        new HeapKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_PARALLELISM, 1, 0), MAX_PARALLELISM);
    OperatorContext context =
        new OperatorContext(
            "window",
            "window (1/1)",
            "WindowDriver",
            0,
            1,
            MAX_PARALLELISM,
            Clock.system(),
            new CounterRegistry(),
            backend);
    ((StreamOperator) operator).setup(context, output);
    operator.open();

    Random rnd = new Random(seed);
    String[] names = new String[keys];
    for (int i = 0; i < keys; i++) {
      names[i] = "user-" + i;
    }
    records = new Tuple2[1 << 16];
    disorder = new int[records.length];
    for (int i = 0; i < records.length; i++) {
      records[i] = Tuple2.of(names[rnd.nextInt(keys)], (long) rnd.nextInt(100));
      disorder[i] = rnd.nextInt(DISORDER + 1);
    }
  }

  /** Processes {@code n} records (and the watermarks that fall among them). */
  public void run(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      long seq = next++;
      int slot = (int) (seq & (records.length - 1));
      Tuple2<String, Long> record = records[slot];
      long ts = seq / eventsPerMs - disorder[slot];
      maxTimestamp = Math.max(maxTimestamp, ts);
      backend.setCurrentKey(record.f0);
      input.processElement(record, ts);
      if (seq % WATERMARK_EVERY == WATERMARK_EVERY - 1) {
        operator.processWatermark(maxTimestamp - DISORDER - 1);
        finishTimers();
      }
    }
  }

  /** Fires every window left. */
  public void finish() throws Exception {
    operator.processWatermark(Long.MAX_VALUE);
    finishTimers();
  }

  public long results() {
    return output.results;
  }

  public long checksum() {
    return output.checksum;
  }

  public boolean isSliced() {
    return operator instanceof SlicingWindowOperator;
  }

  /** Entries of window state per key: slices, or (window, key) contents. */
  public double stateEntriesPerKey() {
    long entries =
        operator instanceof SlicingWindowOperator<?, ?, ?> s
            ? s.numSlices()
            : backend.numNamespacedEntries(WindowSpec.CONTENTS_STATE);
    return (double) entries / keys;
  }

  /**
   * Event-time timers per key. The sliced operator has none: it fires each window for all its keys
   * at once (see {@link #windowsToFire()}).
   */
  public double timersPerKey() {
    int timers =
        operator instanceof SlicingWindowOperator<?, ?, ?>
            ? 0
            : ((WindowOperator<?, ?, ?, ?>) operator).numEventTimeTimers();
    return (double) timers / keys;
  }

  /**
   * The windows the sliced operator has still to fire (for all keys), or -1 for the general one.
   */
  public int windowsToFire() {
    return operator instanceof SlicingWindowOperator<?, ?, ?> s ? s.numWindowsToFire() : -1;
  }

  @Override
  public String toString() {
    return mode
        + (isSliced() ? " (sliced)" : " (general)")
        + String.format(
            ": %.1f window state entries per key, %.1f timers per key, %d results",
            stateEntriesPerKey(), timersPerKey(), results());
  }

  /** Fires the rest of a watermark's timers, as the task does over its next turns. */
  private void finishTimers() throws Exception {
    while (operator.hasPendingWork()) {
      operator.resumePendingWork();
    }
  }
}
