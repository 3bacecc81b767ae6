package io.spry.benchmarks;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.CheckpointStats;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeHint;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cost of checkpoints: a keyed-window job with many keys, run with checkpoints off and every
 * second, alternately in one JVM, several rounds; prints the median throughput of each and what the
 * checkpoints measured (the synchronous pause on the processing thread, size, duration).
 *
 * <pre>
 * java -cp spry-benchmarks/target/benchmarks.jar io.spry.benchmarks.CheckpointBench \
 *     [records=20000000] [keys=1000000] [rounds=3] [backend=heap]
 * </pre>
 *
 * The job: an unthrottled generator of {@code (i % keys, 1)} with event time {@code i / 1000} ms,
 * keyed by the first field, counted in tumbling event-time windows of 60 s (so every key has a live
 * window: {@code keys} entries of window state), into a discarding sink. Parallelism 2.
 *
 * <p>{@code CheckpointBench incremental [keys] [changedPercent] [rounds]} measures instead an
 * incremental RocksDB checkpoint after a small change against a full one ({@link
 * IncrementalCheckpointBench}).
 *
 * <p>{@code CheckpointBench timers [records] [keys] [rounds]} runs a job with a timer per key on
 * RocksDB with checkpoints off, alternately with the timers in the database ({@code
 * rocksdb.timer-service=rocksdb}, the default) and on the heap, and prints the median throughput of
 * each. The job: the same generator (event time {@code i / 1000} ms), keyed, into a {@code
 * KeyedProcessFunction} that counts in value state and registers an event-time timer at the end of
 * the record's second (again for every record of the key in that second, as a window does); the
 * timer emits the count and clears it.
 */
public final class CheckpointBench {
  private CheckpointBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("incremental")) {
      IncrementalCheckpointBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("timers")) {
      timers(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    long records = arg(args, 0, 20_000_000L);
    long keys = arg(args, 1, 1_000_000L);
    int rounds = (int) arg(args, 2, 3L);
    String backend = args.length > 3 ? args[3] : "heap";
    List<Double> off = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    List<CheckpointStats> stats = new ArrayList<>();
    run(records / 10, keys, false, backend, new ArrayList<>()); // warm-up
    for (int r = 0; r < rounds; r++) {
      off.add(run(records, keys, false, backend, new ArrayList<>()));
      on.add(run(records, keys, true, backend, stats));
    }
    double offMedian = median(off);
    double onMedian = median(on);
    System.out.printf(
        "records=%d keys=%d backend=%s rounds=%d%n"
            + "checkpoints off: %.0f records/s (median; runs %s)%n"
            + "checkpoints 1 s: %.0f records/s (median; runs %s)  ratio on/off %.2f%n",
        records,
        keys,
        backend,
        rounds,
        offMedian,
        fmt(off),
        onMedian,
        fmt(on),
        onMedian / offMedian);
    long maxSync = 0;
    long maxDuration = 0;
    long maxSize = 0;
    List<Long> syncs = new ArrayList<>();
    for (CheckpointStats s : stats) {
      syncs.add(s.slowestSyncMillis());
      maxSync = Math.max(maxSync, s.slowestSyncMillis());
      maxDuration = Math.max(maxDuration, s.durationMillis());
      maxSize = Math.max(maxSize, s.sizeBytes());
    }
    Collections.sort(syncs);
    System.out.printf(
        "checkpoints: %d completed; synchronous pause per task: median %d ms, max %d ms;"
            + " duration max %d ms; size max %.1f MB%n",
        stats.size(),
        syncs.isEmpty() ? 0 : syncs.get(syncs.size() / 2),
        maxSync,
        maxDuration,
        maxSize / 1e6);
  }

  /** RocksDB with timers in the database against RocksDB with timers on the heap. */
  private static void timers(String[] args) throws Exception {
    long records = arg(args, 0, 5_000_000L);
    long keys = arg(args, 1, 1_000_000L);
    int rounds = (int) arg(args, 2, 3L);
    List<Double> inRocks = new ArrayList<>();
    List<Double> onHeap = new ArrayList<>();
    timerJob(records / 10, keys, "rocksdb"); // warm-up
    timerJob(records / 10, keys, "heap");
    for (int r = 0; r < rounds; r++) {
      inRocks.add(timerJob(records, keys, "rocksdb"));
      onHeap.add(timerJob(records, keys, "heap"));
    }
    System.out.printf(
        "records=%d keys=%d backend=rocksdb rounds=%d%n"
            + "timers in RocksDB: %.0f records/s (median; runs %s)%n"
            + "timers on the heap: %.0f records/s (median; runs %s)  ratio rocksdb/heap %.2f%n",
        records,
        keys,
        rounds,
        median(inRocks),
        fmt(inRocks),
        median(onHeap),
        fmt(onHeap),
        median(inRocks) / median(onHeap));
  }

  /** The timers job ({@link #timers}) with the timers in {@code timerService}; records/s. */
  private static double timerJob(long records, long keys, String timerService) throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.getConfig()
        .setStateBackend("rocksdb")
        .setStateBackendOption("rocksdb.timer-service", timerService);
    long k = keys;
    env.fromSource(
            new DataGeneratorSource<>(
                i -> Tuple2.of(i % k, i / 1000),
                records,
                new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo()),
            WatermarkStrategy.<Tuple2<Long, Long>>forBoundedOutOfOrderness(Duration.ofMillis(100))
                .withTimestampAssigner((t, ts) -> t.f1),
            "generator")
        .keyBy(t -> t.f0)
        .process(new CountPerSecond())
        .sinkTo(new Discard<>());
    long start = System.nanoTime();
    env.executeAsync("timer-bench").await();
    return records / ((System.nanoTime() - start) / 1e9);
  }

  /** Counts a key's records per second of event time; a timer at the second's end emits it. */
  static final class CountPerSecond
      extends io.spry.api.functions.KeyedProcessFunction<Long, Tuple2<Long, Long>, Long> {
    private transient io.spry.api.state.ValueState<Long> count;

    @Override
    public void open() {
      count =
          getRuntimeContext()
              .getState(new io.spry.api.state.ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(
        Tuple2<Long, Long> t, Context ctx, io.spry.api.functions.Collector<Long> out)
        throws Exception {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      ctx.timerService().registerEventTimeTimer(t.f1 - t.f1 % 1000 + 999);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, io.spry.api.functions.Collector<Long> out)
        throws Exception {
      out.collect(count.value());
      count.clear();
    }
  }

  private static double run(
      long records, long keys, boolean checkpoints, String backend, List<CheckpointStats> stats)
      throws Exception {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    Path dir = null;
    if (checkpoints) {
      dir = Files.createTempDirectory("spry-ckbench");
      env.enableCheckpointing(Duration.ofSeconds(1));
      env.getCheckpointConfig().setStorage(dir.toString()).setRetained(1);
    }
    env.getConfig().setStateBackend(backend);
    long k = keys;
    env.fromSource(
            new DataGeneratorSource<>(
                i -> Tuple2.of(i % k, 1L),
                records,
                new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo()),
            WatermarkStrategy.<Tuple2<Long, Long>>forBoundedOutOfOrderness(Duration.ofMillis(100))
                .withTimestampAssigner((t, ts) -> 0L),
            "generator")
        .map(t -> t)
        .returns(new TypeHint<Tuple2<Long, Long>>() {})
        .keyBy(t -> t.f0)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(60)))
        .aggregate(new Count())
        .sinkTo(new Discard<>());
    long start = System.nanoTime();
    JobHandle h = env.executeAsync("checkpoint-bench");
    h.await();
    double secs = (System.nanoTime() - start) / 1e9;
    stats.addAll(h.checkpoints());
    return records / secs;
  }

  /** Counts a window's records. */
  static final class Count implements AggregateFunction<Tuple2<Long, Long>, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple2<Long, Long> value, Long acc) {
      return acc + value.f1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Discards records without blocking. */
  static final class Discard<T> implements Sink<T> {
    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
      return (element, ctx) -> {};
    }

    @Override
    public boolean isBlocking() {
      return false;
    }
  }

  private static long arg(String[] args, int i, long dflt) {
    return args.length > i ? Long.parseLong(args[i].replace("_", "")) : dflt;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> xs) {
    StringBuilder b = new StringBuilder();
    for (double x : xs) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format("%.0f", x));
    }
    return b.toString();
  }
}
