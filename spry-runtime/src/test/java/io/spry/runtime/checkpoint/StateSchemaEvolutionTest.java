package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.checkpoint.RestartStrategy;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.SinkFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.ClassVersions;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job keeps a record per key in keyed ValueState and stops with a savepoint; the record class
 * then evolves (the next version of the same class name, compiled at test time into a class loader
 * of its own, as a new deployment would load it). A job with a compatible version restores the
 * savepoint at another parallelism and sees every key's values with defaults in the new fields; a
 * job with an incompatible version fails, and its error names the operator, the state and the
 * field.
 */
class StateSchemaEvolutionTest {
  static final int KEYS = 20;
  static final int PER_KEY = 5;
  static final long REAL = (long) KEYS * PER_KEY;

  static final String PROFILE_V1 =
      "package evo; public record Profile(String name, long count, String obsolete) {}";
  static final String PROFILE_V2 =
      "package evo; public record Profile(long count, String email, String name, int level) {}";
  static final String PROFILE_V3 =
      "package evo; public record Profile(String count, String name) {}";

  /** The Profile class of the job being run (functions are copied, so they find it here). */
  static volatile Class<?> profile;

  static final AtomicLong UPDATES = new AtomicLong();
  static final Map<Long, String> SEEN = new ConcurrentHashMap<>();

  static Object make(Object... args) {
    try {
      return profile.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object get(Object record, String component) {
    try {
      return record.getClass().getMethod(component).invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Phase 1: counts each key's records in a Profile(name, count, obsolete); -1 is filler. */
  static final class CountV1 extends KeyedProcessFunction<Long, Long, String> {
    private transient ValueState<Object> state;

    @Override
    @SuppressWarnings("unchecked")
    public void open() {
      state =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>("profile", (TypeInfo<Object>) TypeInfo.of(profile)));
    }

    @Override
    public void processElement(Long x, Context ctx, Collector<String> out) throws Exception {
      if (x < 0) {
        return;
      }
      Object p = state.value();
      long count = p == null ? 0 : (long) get(p, "count");
      state.update(make("user-" + ctx.getCurrentKey(), count + 1, "old"));
      UPDATES.incrementAndGet();
    }
  }

  /** Phases 2 and 3: reports what the state holds for each key. */
  static final class Report extends KeyedProcessFunction<Long, Long, String> {
    private transient ValueState<Object> state;

    @Override
    @SuppressWarnings("unchecked")
    public void open() {
      state =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>("profile", (TypeInfo<Object>) TypeInfo.of(profile)));
    }

    @Override
    public void processElement(Long x, Context ctx, Collector<String> out) throws Exception {
      Object p = state.value();
      SEEN.put(
          ctx.getCurrentKey(),
          p == null
              ? "none"
              : p.getClass().getClassLoader().equals(profile.getClassLoader())
                  + " "
                  + get(p, "name")
                  + " "
                  + get(p, "count")
                  + " "
                  + get(p, "email")
                  + " "
                  + get(p, "level"));
    }
  }

  static final class Discard implements SinkFunction<String> {
    @Override
    public void invoke(String value, Context context) {}
  }

  @Test
  void aRecordStateTypeEvolvesAcrossASavepointAndAnIncompatibleChangeIsNamed(@TempDir Path dir)
      throws Exception {
    UPDATES.set(0);
    SEEN.clear();

    // phase 1: V1, parallelism 2, stopped with a savepoint once every real record is counted
    profile = ClassVersions.load(ClassVersions.compile(PROFILE_V1), "evo.Profile");
    StreamEnvironment first = StreamEnvironment.createLocal(2);
    first.getConfig().setAutoWatermarkInterval(Duration.ofMillis(5));
    first.enableCheckpointing(Duration.ofMillis(50));
    first
        .getCheckpointConfig()
        .setStorage(dir.resolve("checkpoints").toString())
        .setTimeout(Duration.ofSeconds(30)); // a stuck savepoint fails the test, not hangs it
    first
        .fromSource(
            new DataGeneratorSource<>(
                i -> i < REAL ? i : -1L,
                DataGeneratorSource.UNBOUNDED,
                4_000,
                TypeInfo.of(Long.class)),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .uid("numbers")
        .keyBy(x -> x < 0 ? -1L : x % KEYS)
        .process(new CountV1())
        .name("profiles")
        .uid("profiles")
        .addSink(new Discard());
    JobHandle h = first.executeAsync("v1");
    String savepoint;
    try {
      Await.until(
          Duration.ofSeconds(30),
          () -> REAL + " state updates (got " + UPDATES.get() + ")",
          () -> UPDATES.get() >= REAL);
      assertThat(UPDATES.get()).isEqualTo(REAL);
      savepoint = h.stopWithSavepoint(dir.resolve("savepoints").toString()).get();
      h.await(Duration.ofSeconds(30));
    } finally {
      h.cancel(); // no-op once stopped; else no job outlives a failed test
    }

    // phase 2: V2 (a component removed, two added, reordered), parallelism 3
    profile = ClassVersions.load(ClassVersions.compile(PROFILE_V2), "evo.Profile");
    report(3, savepoint).execute("v2");
    Map<Long, String> expected = new HashMap<>();
    for (long k = 0; k < KEYS; k++) {
      // same class loader as the job's V2, name and count kept, email null, level 0
      expected.put(k, "true user-" + k + " " + PER_KEY + " null 0");
    }
    assertThat(SEEN).isEqualTo(expected);

    // phase 3: V3 changes count from long to String: the restore fails and says where, at once,
    // though the restart strategy would allow restarts: each would restore the same state
    profile = ClassVersions.load(ClassVersions.compile(PROFILE_V3), "evo.Profile");
    StreamEnvironment v3 = report(2, savepoint);
    v3.setRestartStrategy(RestartStrategy.fixedDelay(5, Duration.ofMillis(1)));
    JobHandle failing = v3.executeAsync("v3");
    assertThatThrownBy(() -> failing.await(Duration.ofSeconds(30)))
        .satisfies(e -> assertThat(messages(e)).contains("(not restarted: the checkpoint's state"));
    assertThat(failing.restarts()).isZero();
    assertThatThrownBy(() -> report(2, savepoint).execute("v3"))
        .satisfies(
            e -> {
              String messages = messages(e);
              assertThat(messages)
                  .contains("Operator 'profiles'")
                  .contains("State 'profile' cannot be restored")
                  .contains("field 'count' changed from long to String, which cannot be converted")
                  .contains("Record(evo.Profile){name: String, count: long, obsolete: String}")
                  .contains("Record(evo.Profile){count: String, name: String}");
            });
  }

  /** A job that reads each key's state once, restored from {@code savepoint}. */
  private static StreamEnvironment report(int parallelism, String savepoint) {
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism);
    env.getConfig().setRestoreFrom(savepoint);
    env.getConfig().setAllowNonRestoredState(true); // the generator's position is not needed
    env.fromSequence(0, KEYS - 1)
        .uid("keys")
        .keyBy(x -> x % KEYS)
        .process(new Report())
        .name("profiles")
        .uid("profiles")
        .addSink(new Discard());
    return env;
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
