package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.checkpoint.CheckpointConfig;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.runtime.checkpoint.CheckpointCoordinator;
import io.spry.runtime.checkpoint.CheckpointResponder;
import io.spry.runtime.checkpoint.CheckpointStorage;
import io.spry.runtime.checkpoint.SubtaskState;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.state.CapturedSnapshot;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.NamespacedState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap backend's asynchronous snapshots: a snapshot captured at a barrier and written later
 * (here on another thread, while the test goes on changing every kind of state, with time to live
 * and timers) must hold exactly what a synchronous snapshot taken at the barrier holds, byte for
 * byte, and what an independent model of the state held then.
 */
class HeapSnapshotCopyOnWriteTest {
  private static final int MAX_P = 128;
  private static final KeyGroupRange RANGE = new KeyGroupRange(0, MAX_P - 1);

  private final ExecutorService writer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  /** A clock the test moves. */
  private static final class TestClock implements Clock {
    volatile long now = 1_000;

    @Override
    public long millis() {
      return now;
    }

    @Override
    public long nanos() {
      return now * 1_000_000;
    }
  }

  /** Sums into a {@code long[1]} that it changes in place, as many user functions do. */
  private static final class InPlaceSum implements AggregateFunction<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Long value, long[] acc) {
      acc[0] += value;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  private static StateTtlConfig ttl(StateTtlConfig.UpdateType update) {
    return StateTtlConfig.newBuilder(Duration.ofMillis(300))
        .setUpdateType(update)
        .cleanupIncrementally(3)
        .build();
  }

  /** Every kind of state of one backend, the model of some of them, and random work on them. */
  private static final class Fixture {
    final TestClock clock = new TestClock();
    final HeapKeyedStateBackend backend =
        new HeapKeyedStateBackend(RANGE, MAX_P, clock, Types.LONG);
    final ValueState<long[]> counters;
    final ValueState<String> names;
    final ValueState<Long> ttlValue;
    final ListState<Long> list;
    final ListState<Long> ttlList;
    final MapState<String, Long> map;
    final MapState<String, Long> ttlMap;
    final ReducingState<Long> sum;
    final AggregatingState<Long, Long> agg;
    final ListState<Long> windowList;
    final AggregatingState<Long, Long> windowAgg;
    final TimerService<Long> timers;

    /** Models: key to counter, to list, to map (no time to live in these). */
    final Map<Long, Long> counterModel = new TreeMap<>();

    final Map<Long, List<Long>> listModel = new TreeMap<>();
    final Map<Long, Map<String, Long>> mapModel = new TreeMap<>();

    @SuppressWarnings("unchecked")
    Fixture() {
      counters =
          backend.getOrCreateState(
              new ValueStateDescriptor<>(
                  "counters", (TypeInfo<long[]>) (TypeInfo<?>) Types.PRIMITIVE_ARRAY(long.class)));
      names = backend.getOrCreateState(new ValueStateDescriptor<>("names", Types.STRING));
      ValueStateDescriptor<Long> tv = new ValueStateDescriptor<>("ttlValue", Types.LONG);
      tv.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE));
      ttlValue = backend.getOrCreateState(tv);
      list = backend.getOrCreateState(new ListStateDescriptor<>("list", Types.LONG));
      ListStateDescriptor<Long> tl = new ListStateDescriptor<>("ttlList", Types.LONG);
      tl.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE));
      ttlList = backend.getOrCreateState(tl);
      map = backend.getOrCreateState(new MapStateDescriptor<>("map", Types.STRING, Types.LONG));
      MapStateDescriptor<String, Long> tm =
          new MapStateDescriptor<>("ttlMap", Types.STRING, Types.LONG);
      tm.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE));
      ttlMap = backend.getOrCreateState(tm);
      sum = backend.getOrCreateState(new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG));
      TypeInfo<long[]> accType = (TypeInfo<long[]>) (TypeInfo<?>) Types.PRIMITIVE_ARRAY(long.class);
      agg =
          backend.getOrCreateState(
              new AggregatingStateDescriptor<>("agg", new InPlaceSum(), accType));
      windowList =
          backend.getOrCreateNamespacedState(
              new ListStateDescriptor<>("windowList", Types.LONG), Types.LONG);
      windowAgg =
          backend.getOrCreateNamespacedState(
              new AggregatingStateDescriptor<>("windowAgg", new InPlaceSum(), accType), Types.LONG);
      timers =
          new TimerService<>(
              backend,
              "timers",
              Types.LONG,
              new TimerService.Triggerable<>() {
                @Override
                public void onEventTime(Timer<Object, Long> timer) {}

                @Override
                public void onProcessingTime(Timer<Object, Long> timer) {}
              });
    }

    void randomOp(Random rnd) throws Exception {
      long key = rnd.nextInt(300);
      backend.setCurrentKey(key);
      long v = rnd.nextInt(1000);
      String mk = "m" + rnd.nextInt(6);
      long ns = rnd.nextInt(4);
      switch (rnd.nextInt(22)) {
        case 0, 1 -> {
          // read, change in place, write back: safe under a snapshot, as in Flink
          long[] c = counters.value();
          if (c == null) {
            c = new long[1];
          }
          c[0] += v;
          counters.update(c);
          counterModel.merge(key, v, Long::sum);
        }
        case 2 -> {
          counters.clear();
          counterModel.remove(key);
        }
        case 3 -> names.update("n" + v);
        case 4 -> names.clear();
        case 5 -> {
          ttlValue.value();
          ttlValue.update(v);
        }
        case 6, 7 -> {
          list.add(v);
          listModel.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        case 8 -> {
          List<Long> l = List.of(v, v + 1);
          list.update(l);
          listModel.put(key, new ArrayList<>(l));
        }
        case 9 -> {
          list.clear();
          listModel.remove(key);
        }
        case 10 -> {
          ttlList.add(v);
          ttlList.get();
        }
        case 11, 12 -> {
          map.put(mk, v);
          mapModel.computeIfAbsent(key, k -> new HashMap<>()).put(mk, v);
        }
        case 13 -> {
          map.remove(mk);
          Map<String, Long> m = mapModel.get(key);
          if (m != null) {
            m.remove(mk);
            if (m.isEmpty()) {
              mapModel.remove(key);
            }
          }
        }
        case 14 -> {
          ttlMap.put(mk, v);
          ttlMap.get("m" + rnd.nextInt(6));
        }
        case 15 -> sum.add(v);
        case 16 -> agg.add(v);
        case 17 -> {
          ((NamespacedState) windowList).setCurrentNamespace(ns);
          windowList.add(v);
          ((NamespacedState) windowAgg).setCurrentNamespace(ns);
          windowAgg.add(v);
        }
        case 18 -> {
          ((NamespacedState) windowList).mergeNamespaces(ns, List.of(ns + 1));
          ((NamespacedState) windowAgg).mergeNamespaces(ns, List.of(ns + 1));
        }
        case 19 -> {
          ((NamespacedState) windowList).setCurrentNamespace(ns);
          windowList.clear();
          ((NamespacedState) windowAgg).setCurrentNamespace(ns);
          windowAgg.clear();
        }
        case 20 -> {
          if (rnd.nextBoolean()) {
            timers.registerEventTimeTimer(ns, v);
          } else {
            timers.deleteEventTimeTimer(ns, v);
          }
          timers.registerProcessingTimeTimer(ns, v);
        }
        default -> {
          timers.advanceWatermark(rnd.nextInt(1000), 5);
          clock.now += rnd.nextInt(40);
        }
      }
    }

    /** A snapshot written now, on this thread: what the state holds at this instant. */
    byte[] synchronousSnapshot() throws Exception {
      MemoryDataOutput out = new MemoryDataOutput(1024);
      backend.snapshot(out);
      return out.toByteArray();
    }

    Models copyOfModels() {
      Map<Long, List<Long>> lists = new TreeMap<>();
      listModel.forEach((k, l) -> lists.put(k, List.copyOf(l)));
      Map<Long, Map<String, Long>> maps = new TreeMap<>();
      mapModel.forEach((k, m) -> maps.put(k, Map.copyOf(m)));
      return new Models(new TreeMap<>(counterModel), lists, maps);
    }
  }

  private record Models(
      Map<Long, Long> counters, Map<Long, List<Long>> lists, Map<Long, Map<String, Long>> maps) {}

  /** A capture in flight, with what it must write. */
  private record InFlight(CapturedSnapshot capture, byte[] expected, Models models) {}

  private static byte[] write(CapturedSnapshot c) throws Exception {
    MemoryDataOutput out = new MemoryDataOutput(c.sizeHint());
    c.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void aSnapshotWrittenLaterHoldsTheStateOfItsBarrier() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      checkSeed(seed);
    }
  }

  private void checkSeed(long seed) throws Exception {
    Random rnd = new Random(seed);
    Fixture f = new Fixture();
    Deque<InFlight> inFlight = new ArrayDeque<>();
    int written = 0;
    for (int round = 0; round < 40; round++) {
      int ops = rnd.nextInt(800);
      for (int i = 0; i < ops; i++) {
        f.randomOp(rnd);
      }
      // the barrier: capture, and for reference write a snapshot synchronously at once
      CapturedSnapshot c = f.backend.captureSnapshot();
      inFlight.add(new InFlight(c, f.synchronousSnapshot(), f.copyOfModels()));
      // up to three snapshots in flight; some are written while the state changes on this thread,
      // some are dropped unwritten (an aborted checkpoint)
      while (inFlight.size() > rnd.nextInt(3)) {
        InFlight oldest = inFlight.poll();
        if (rnd.nextInt(5) == 0) {
          oldest.capture().release();
          continue;
        }
        Future<byte[]> bytes = writer.submit(() -> write(oldest.capture()));
        for (int i = rnd.nextInt(800); i > 0; i--) {
          f.randomOp(rnd);
        }
        byte[] actual = bytes.get();
        assertThat(actual)
            .as(
                "seed %d round %d: the snapshot written later equals the one taken at once",
                seed, round)
            .isEqualTo(oldest.expected());
        checkAgainstModels(actual, oldest.models());
        written++;
      }
    }
    inFlight.forEach(i -> i.capture().release());
    assertThat(written).isPositive();
    assertThat(f.backend.liveSnapshots()).isZero();
  }

  /** Restores the snapshot into a new backend and compares it with the models of its barrier. */
  private static void checkAgainstModels(byte[] snapshot, Models models) throws Exception {
    Fixture restored = new Fixture();
    restored.backend.restore(new MemoryDataInput(snapshot));
    // states are created before the restore in the fixture: their values are loaded at once
    Map<Long, Long> counters = new TreeMap<>();
    Map<Long, List<Long>> lists = new TreeMap<>();
    Map<Long, Map<String, Long>> maps = new TreeMap<>();
    for (long key = 0; key < 300; key++) {
      restored.backend.setCurrentKey(key);
      long[] c = restored.counters.value();
      if (c != null) {
        counters.put(key, c[0]);
      }
      List<Long> l = new ArrayList<>();
      restored.list.get().forEach(l::add);
      if (!l.isEmpty()) {
        lists.put(key, l);
      }
      Map<String, Long> m = new HashMap<>();
      restored.map.entries().forEach(e -> m.put(e.getKey(), e.getValue()));
      if (!m.isEmpty()) {
        maps.put(key, m);
      }
    }
    assertThat(counters).isEqualTo(models.counters());
    assertThat(lists).isEqualTo(models.lists());
    assertThat(maps).isEqualTo(models.maps());
  }

  @Test
  void aValueChangedInPlaceAfterTheBarrierIsCopiedFirst() throws Exception {
    Fixture f = new Fixture();
    f.backend.setCurrentKey(1L);
    f.counters.update(new long[] {5});
    f.list.add(1L);
    CapturedSnapshot c = f.backend.captureSnapshot();
    byte[] atBarrier = f.synchronousSnapshot();
    long[] mine = f.counters.value();
    mine[0] = 99; // without update: only the task's copy changes
    f.list.add(2L);
    assertThat(write(c)).isEqualTo(atBarrier);
    assertThat(f.counters.value()).containsExactly(99);
    assertThat(f.list.get()).containsExactly(1L, 2L);
  }

  @Test
  void releasedAndWrittenSnapshotsAreNoLongerLive() throws Exception {
    Fixture f = new Fixture();
    f.backend.setCurrentKey(1L);
    f.names.update("a");
    CapturedSnapshot written = f.backend.captureSnapshot();
    CapturedSnapshot dropped = f.backend.captureSnapshot();
    assertThat(f.backend.liveSnapshots()).isEqualTo(2);
    write(written);
    assertThat(f.backend.liveSnapshots()).isEqualTo(1);
    dropped.release();
    dropped.release(); // idempotent
    assertThat(f.backend.liveSnapshots()).isZero();
    assertThatThrownBy(() -> write(dropped))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released");
  }

  @Test
  void aCheckpointStateDroppedUnwrittenReleasesItsCapture() throws Exception {
    Fixture f = new Fixture();
    f.backend.setCurrentKey(1L);
    f.names.update("a");
    SubtaskState s = new SubtaskState();
    s.setKeyed(f.backend.captureSnapshot());
    assertThat(s.isEmpty()).isFalse();
    // a responder that takes no checkpoints drops what it is given
    CheckpointResponder.NONE.acknowledge(0, 1, Map.of("op", s), 0, 0);
    assertThat(f.backend.liveSnapshots()).isZero();

    SubtaskState kept = new SubtaskState();
    kept.setKeyed(f.backend.captureSnapshot());
    byte[] atBarrier = f.synchronousSnapshot();
    f.names.update("b");
    assertThat(kept.keyed()).isEqualTo(atBarrier); // written on first use
    assertThat(f.backend.liveSnapshots()).isZero();
    kept.release(); // harmless after writing
    assertThat(Arrays.equals(kept.keyed(), atBarrier)).isTrue();
  }

  @Test
  void theCoordinatorReleasesWhatItWillNotWrite(@TempDir java.nio.file.Path dir) throws Exception {
    Fixture f = new Fixture();
    f.backend.setCurrentKey(1L);
    f.names.update("a");
    java.util.concurrent.ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor();
    try {
      CheckpointCoordinator coordinator =
          new CheckpointCoordinator(
              "job",
              new CheckpointConfig(),
              new CheckpointStorage(dir, 1),
              Clock.system(),
              MAX_P,
              timer,
              writer);
      SubtaskState s = new SubtaskState();
      s.setKeyed(f.backend.captureSnapshot());
      // checkpoint 7 is not pending: aborted, or taken by a run that has ended
      coordinator.acknowledge(0, 7, Map.of("op", s), 0, 0);
      assertThat(f.backend.liveSnapshots()).isZero();
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void statesBeyondTheSharedBitsAreCopiedWithTheRow() throws Exception {
    TestClock clock = new TestClock();
    HeapKeyedStateBackend b = new HeapKeyedStateBackend(RANGE, MAX_P, clock, Types.LONG);
    List<ListState<Long>> lists = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // columns from 32 on have no bit: copied when the row is
      lists.add(b.getOrCreateState(new ListStateDescriptor<>("l" + i, Types.LONG)));
    }
    for (long key = 0; key < 50; key++) {
      b.setCurrentKey(key);
      for (ListState<Long> l : lists) {
        l.add(key);
      }
    }
    CapturedSnapshot c = b.captureSnapshot();
    MemoryDataOutput atBarrier = new MemoryDataOutput(1024);
    b.snapshot(atBarrier);
    for (long key = 0; key < 50; key++) {
      b.setCurrentKey(key);
      lists.get((int) (key % 40)).add(-1L); // the row is copied; every list of column >= 32 too
      for (ListState<Long> l : lists) {
        l.add(-2L);
      }
    }
    assertThat(write(c)).isEqualTo(atBarrier.toByteArray());
  }
}
