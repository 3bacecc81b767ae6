package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.file.FileSink;
import io.spry.api.connector.file.LineEncoder;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.MapFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end exactly once, in one JVM: failures are injected into random operators at random
 * records; the job restores each time and writes through the two-phase-commit file sink. The
 * finished files must hold every event exactly once, with the per-key count that keyed state gave
 * it (so state and output agree), and no in-progress file may be visible.
 */
class ExactlyOnceFileSinkTest {
  static final int KEYS = 50;
  static final Map<String, Set<Long>> PENDING_FAILURES = new ConcurrentHashMap<>();

  /** Fails once at each of the given records, in the given stage. */
  static final class Failing implements MapFunction<Long, Long> {
    final String key;

    Failing(String key) {
      this.key = key;
    }

    @Override
    public Long map(Long v) {
      if (PENDING_FAILURES.get(key).remove(v)) {
        throw new IllegalStateException("injected failure in " + key + " at " + v);
      }
      return v;
    }
  }

  static final Map<String, java.util.concurrent.atomic.AtomicInteger> SNAPSHOTS =
      new ConcurrentHashMap<>();

  /**
   * On a side branch: fails once while taking its snapshot of a checkpoint, after a pause, so the
   * file sink has pre-committed that checkpoint but it never completes. Its files must not appear.
   */
  static final class FailingSnapshot
      implements MapFunction<Long, Long>, io.spry.api.checkpoint.CheckpointedFunction {
    final String key;

    FailingSnapshot(String key) {
      this.key = key;
    }

    @Override
    public Long map(Long v) {
      return v;
    }

    @Override
    public void snapshotState(io.spry.api.checkpoint.FunctionSnapshotContext ctx) throws Exception {
      if (SNAPSHOTS.get(key).incrementAndGet() == 12) {
        Thread.sleep(100);
        throw new IllegalStateException("injected failure while taking a snapshot");
      }
    }

    @Override
    public void initializeState(io.spry.api.checkpoint.FunctionInitializationContext ctx) {}
  }

  static final class Discard implements io.spry.api.functions.SinkFunction<Long> {
    @Override
    public void invoke(Long v, Context ctx) {}
  }

  /** Emits "key,seq,count" with the key's running count. */
  static final class Counter extends KeyedProcessFunction<Long, Long, String> {
    final String failKey;
    private transient ValueState<Long> count;

    Counter(String failKey) {
      this.failKey = failKey;
    }

    @Override
    public void open() {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<String> out) throws Exception {
      if (PENDING_FAILURES.get(failKey).remove(v)) {
        throw new IllegalStateException("injected failure in the keyed process at " + v);
      }
      long c = count.value() == null ? 1 : count.value() + 1;
      count.update(c);
      out.collect((v % KEYS) + "," + (v / KEYS) + "," + c);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyEventIsWrittenOnceWithTheCountStateGaveIt(long seed, @TempDir Path dir)
      throws Exception {
    long n = 40_000;
    Random random = new Random(seed);
    String[] stages = {"before-" + seed, "keyed-" + seed, "after-" + seed};
    for (String s : stages) {
      PENDING_FAILURES.put(s, ConcurrentHashMap.newKeySet());
    }
    for (int i = 0; i < 4; i++) {
      PENDING_FAILURES
          .get(stages[random.nextInt(3)])
          .add(1_000 + (long) random.nextInt((int) n - 2_000));
    }
    SNAPSHOTS.put(stages[0], new java.util.concurrent.atomic.AtomicInteger());
    Path out = dir.resolve("out");
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    env.enableCheckpointing(Duration.ofMillis(40));
    env.getCheckpointConfig().setStorage(dir.resolve("ck").toString());
    env.setRestartStrategy(RestartStrategy.fixedDelay(10, Duration.ofMillis(5)));
    var events =
        env.fromSource(
                new DataGeneratorSource<>(i -> i, n, 40_000, TypeInfo.of(Long.class)),
                WatermarkStrategy.noWatermarks(),
                "events")
            .map(new Failing(stages[0]));
    events
        .rebalance()
        .map(new FailingSnapshot(stages[0]))
        .setParallelism(1)
        .addSink(new Discard())
        .setParallelism(1);
    events
        .keyBy(v -> v % KEYS)
        .process(new Counter(stages[1]))
        .map(s -> s)
        .returns(String.class)
        .map(
            s -> {
              long v = Long.parseLong(s.split(",")[1]) * KEYS + Long.parseLong(s.split(",")[0]);
              if (PENDING_FAILURES.get(stages[2]).remove(v)) {
                throw new IllegalStateException("injected failure after the keyed process");
              }
              return s;
            })
        .returns(String.class)
        .sinkTo(FileSink.forRowFormat(out, LineEncoder.<String>toStringLines()).build());
    JobHandle h = env.executeAsync("exactly-once");
    h.await(Duration.ofSeconds(60));
    // every injected failure happened (two may fail the same run, which restarts once)
    for (String st : stages) {
      assertThat(PENDING_FAILURES.get(st)).as("failures not reached in " + st).isEmpty();
    }
    assertThat(SNAPSHOTS.get(stages[0]).get()).isGreaterThanOrEqualTo(12);
    assertThat(h.restarts()).isBetween(2, 5);

    List<String> lines = readVisible(out);
    // Records of a key come from two source subtasks in no fixed order, so count and seq are not
    // tied; but exactly once means each key's seqs are 0..n/KEYS-1 and its counts 1..n/KEYS, each
    // exactly once (a lost update repeats a count, a doubled one skips one).
    Map<Long, List<Long>> seqs = new HashMap<>();
    Map<Long, List<Long>> counts = new HashMap<>();
    for (String l : lines) {
      String[] f = l.split(",");
      long key = Long.parseLong(f[0]);
      seqs.computeIfAbsent(key, k -> new ArrayList<>()).add(Long.parseLong(f[1]));
      counts.computeIfAbsent(key, k -> new ArrayList<>()).add(Long.parseLong(f[2]));
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < n / KEYS; i++) {
      expected.add(i);
    }
    List<Long> expectedCounts = expected.stream().map(i -> i + 1).toList();
    assertThat(lines.size()).as("lines written").isEqualTo((int) n);
    assertThat(seqs.keySet()).hasSize(KEYS);
    for (long key = 0; key < KEYS; key++) {
      assertThat(seqs.get(key))
          .as("seqs of key " + key)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(counts.get(key))
          .as("counts of key " + key)
          .containsExactlyInAnyOrderElementsOf(expectedCounts);
    }
  }

  /** The lines of every file a reader may see (no hidden in-progress or pending files). */
  static List<String> readVisible(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        lines.addAll(Files.readAllLines(f));
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")).toList())
          .as("in-progress or pending files left after the job finished")
          .isEmpty();
    }
    return lines;
  }
}
