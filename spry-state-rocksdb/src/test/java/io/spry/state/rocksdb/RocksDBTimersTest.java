package io.spry.state.rocksdb;

import static io.spry.runtime.operator.timer.TimerServiceTestSuite.checkServices;
import static io.spry.runtime.operator.timer.TimerServiceTestSuite.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobConfig;
import io.spry.api.time.Clock;
import io.spry.api.types.Types;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.operator.timer.TimerServiceTestSuite.Recorder;
import io.spry.runtime.operator.timer.TimerServiceTestSuite.T;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackends;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timers kept in RocksDB across native (incremental) snapshots: restored in place and rescaled,
 * into the heap backend, and switched between the database and the heap in either direction
 * (including a native snapshot of version 2, whose timers are in the metadata file); and the
 * backend's timer options.
 */
class RocksDBTimersTest {
  private static final int MAX_P = 128;

  @TempDir Path dir;

  private final List<KeyedStateBackend> created = new ArrayList<>();
  private int snapshots;

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  private List<KeyedStateBackend> rocks(int p, TimerStorage timers) throws Exception {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new RocksDBKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i),
              MAX_P,
              Clock.system(),
              Types.LONG,
              dir.resolve("work"),
              timers,
              8));
    }
    created.addAll(out);
    return out;
  }

  private List<Path> snapshotNative(List<KeyedStateBackend> bs) throws Exception {
    List<Path> out = new ArrayList<>();
    for (KeyedStateBackend b : bs) {
      out.add(
          ((RocksDBKeyedStateBackend) b)
              .snapshotNative(dir.resolve("n" + snapshots++))
              .directory());
    }
    return out;
  }

  /** Restores each backend from the snapshot of its own range, or all of them when rescaling. */
  private static void restoreNative(List<KeyedStateBackend> bs, List<Path> natives)
      throws Exception {
    for (int i = 0; i < bs.size(); i++) {
      ((RocksDBKeyedStateBackend) bs.get(i))
          .restoreNative(bs.size() == natives.size() ? List.of(natives.get(i)) : natives);
    }
  }

  @Test
  void timersInTheDatabaseComeBackFromNativeSnapshotsInPlaceRescaledAndOnTheHeap()
      throws Exception {
    List<KeyedStateBackend> two = rocks(2, TimerStorage.ROCKSDB);
    TreeSet<T> model = filled(two, 500);
    List<Path> natives = snapshotNative(two);

    List<KeyedStateBackend> same = rocks(2, TimerStorage.ROCKSDB);
    restoreNative(same, natives);
    checkServices(same, model);

    List<KeyedStateBackend> three = rocks(3, TimerStorage.ROCKSDB);
    restoreNative(three, natives);
    checkServices(three, model);

    List<KeyedStateBackend> heapTimers = rocks(2, TimerStorage.HEAP);
    restoreNative(heapTimers, natives);
    checkServices(heapTimers, model);

    HeapKeyedStateBackend heap =
        new HeapKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0), MAX_P, Clock.system(), Types.LONG);
    created.add(heap);
    new RocksDBKeyedStateBackendFactory()
        .restoreNativeInto(natives, heap, Files.createDirectories(dir.resolve("scratch")));
    checkServices(List.of(heap), model);
  }

  @Test
  void heapTimersOfANativeSnapshotMoveIntoTheDatabase() throws Exception {
    List<KeyedStateBackend> two = rocks(2, TimerStorage.HEAP);
    TreeSet<T> model = filled(two, 400);
    List<Path> natives = snapshotNative(two);
    List<KeyedStateBackend> same = rocks(2, TimerStorage.ROCKSDB);
    restoreNative(same, natives);
    checkServices(same, model);
    List<KeyedStateBackend> three = rocks(3, TimerStorage.ROCKSDB);
    restoreNative(three, natives);
    checkServices(three, model);
  }

  @Test
  void aVersion2NativeSnapshotWithTimersInItsMetadataStillRestores() throws Exception {
    List<KeyedStateBackend> one = rocks(1, TimerStorage.HEAP);
    TreeSet<T> model = filled(one, 300);
    List<Path> natives = snapshotNative(one);
    // version 2 wrote this layout, with every timer in the metadata file
    Path meta = natives.get(0).resolve(RocksDBKeyedStateBackend.NATIVE_META);
    byte[] bytes = Files.readAllBytes(meta);
    assertThat(bytes[7]).as("the version this Spry writes").isEqualTo((byte) 3);
    bytes[7] = 2;
    Files.write(meta, bytes);
    List<KeyedStateBackend> restored = rocks(1, TimerStorage.ROCKSDB);
    restoreNative(restored, natives);
    checkServices(restored, model);
  }

  @Test
  void timersAfterANativeRestoreGoOnIntoTheNextSnapshot() throws Exception {
    List<KeyedStateBackend> one = rocks(1, TimerStorage.ROCKSDB);
    TreeSet<T> model = filled(one, 200);
    List<KeyedStateBackend> again = rocks(1, TimerStorage.ROCKSDB);
    restoreNative(again, snapshotNative(one));
    KeyedStateBackend b = again.get(0);
    TimerService<String> s = new TimerService<>(b, "timers", Types.STRING, new Recorder(b));
    for (long k = 0; k < 200; k += 5) {
      b.setCurrentKey(k);
      s.registerEventTimeTimer("later", 10_000 + k);
      model.add(new T(0, 10_000 + k, k, "later"));
    }
    List<KeyedStateBackend> three = rocks(3, TimerStorage.ROCKSDB);
    restoreNative(three, snapshotNative(again));
    checkServices(three, model);
  }

  @Test
  void theTimerOptionChoosesWhereTimersLive() {
    JobConfig config = new JobConfig().setStateBackend("rocksdb");
    try (KeyedStateBackend b =
        KeyedStateBackends.create(
            config, KeyGroups.rangeForOperator(MAX_P, 1, 0), Clock.system(), Types.LONG)) {
      assertThat(((RocksDBKeyedStateBackend) b).timerStorage()).isEqualTo(TimerStorage.ROCKSDB);
      assertThat(new TimerService<>(b, "t", Types.STRING, new Recorder(b)).storedByBackend())
          .isTrue();
    }
    config.setStateBackendOption("rocksdb.timer-service", "HEAP");
    config.setStateBackendOption("rocksdb.timer-cache-size", "16");
    try (KeyedStateBackend b =
        KeyedStateBackends.create(
            config, KeyGroups.rangeForOperator(MAX_P, 1, 0), Clock.system(), Types.LONG)) {
      assertThat(((RocksDBKeyedStateBackend) b).timerStorage()).isEqualTo(TimerStorage.HEAP);
      assertThat(new TimerService<>(b, "t", Types.STRING, new Recorder(b)).storedByBackend())
          .isFalse();
    }
    // the heap backend ignores RocksDB's options, so one config serves both
    try (KeyedStateBackend b =
        KeyedStateBackends.create(
            config.copy().setStateBackend("heap"),
            KeyGroups.rangeForOperator(MAX_P, 1, 0),
            Clock.system(),
            Types.LONG)) {
      assertThat(b).isInstanceOf(HeapKeyedStateBackend.class);
    }
  }

  @Test
  void aBadTimerOptionIsAClearError() {
    RocksDBKeyedStateBackendFactory f = new RocksDBKeyedStateBackendFactory();
    assertThatThrownBy(() -> f.checkOptions(Map.of("rocksdb.timer-service", "disk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rocksdb.timer-service")
        .hasMessageContaining("'disk'")
        .hasMessageContaining("rocksdb")
        .hasMessageContaining("heap");
    assertThatThrownBy(() -> f.checkOptions(Map.of("rocksdb.timer-cache-size", "0")))
        .hasMessageContaining("rocksdb.timer-cache-size")
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> f.checkOptions(Map.of("rocksdb.timers", "heap")))
        .hasMessageContaining("Unknown option 'rocksdb.timers'")
        .hasMessageContaining("rocksdb.timer-service");
    JobConfig heap = new JobConfig().setStateBackendOption("heap.timers", "x");
    assertThatThrownBy(
            () ->
                KeyedStateBackends.create(
                    heap, KeyGroups.rangeForOperator(MAX_P, 1, 0), Clock.system(), Types.LONG))
        .hasMessageContaining("'heap' state backend has no options")
        .hasMessageContaining("heap.timers");
    assertThatThrownBy(() -> new JobConfig().setStateBackendOption("timers", "heap"))
        .hasMessageContaining("'<backend>.<option>'");
  }

  @Test
  void aJobWithABadTimerOptionFailsBeforeItRuns() {
    io.spry.api.StreamEnvironment env = io.spry.api.StreamEnvironment.createLocal(1);
    env.getConfig()
        .setStateBackend("rocksdb")
        .setStateBackendOption("rocksdb.timer-service", "disk");
    env.fromSequence(0, 10)
        .keyBy(v -> v % 3)
        .reduce(Long::sum)
        .addSink((io.spry.api.functions.SinkFunction<Long>) (v, c) -> {});
    assertThatThrownBy(() -> env.execute("bad option"))
        .hasStackTraceContaining(
            "rocksdb.timer-service must be one of [rocksdb, heap], was 'disk'");
  }
}
