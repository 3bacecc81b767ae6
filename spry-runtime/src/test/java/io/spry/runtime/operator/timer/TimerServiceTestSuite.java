package io.spry.runtime.operator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of a {@link TimerService} on every backend and timer storage, run by a subclass per
 * kind (the heap here, RocksDB with timers in the database and on the heap in spry-state-rocksdb):
 * firing in timestamp order across key groups with the key context set, idempotent registration,
 * deletion, timers registered while firing, the firing budget, and snapshots restored into the same
 * kind and the heap backend at other parallelisms. Each test checks what fired against a sorted-set
 * model kept beside the service.
 */
public abstract class TimerServiceTestSuite {
  protected static final int MAX_P = 128;

  /** A new, empty backend of the kind under test over long keys. */
  protected abstract KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) throws Exception;

  private final List<KeyedStateBackend> created = new ArrayList<>();

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  protected final List<KeyedStateBackend> backends(int p) throws Exception {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(newBackend(KeyGroups.rangeForOperator(MAX_P, p, i), MAX_P, Types.LONG));
    }
    created.addAll(out);
    return out;
  }

  protected final List<KeyedStateBackend> heapBackends(int p) {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new HeapKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i),
              MAX_P,
              io.spry.api.time.Clock.system(),
              Types.LONG));
    }
    created.addAll(out);
    return out;
  }

  protected static KeyedStateBackend owner(List<KeyedStateBackend> bs, long key) {
    int kg = KeyGroups.assignToKeyGroup(key, MAX_P);
    return bs.get(KeyGroups.operatorIndexForKeyGroup(MAX_P, bs.size(), kg));
  }

  /** A fired or registered timer as the model holds it: domain 0 event time, 1 processing. */
  public record T(int domain, long ts, long key, String ns) {}

  static final Comparator<T> ORDER =
      Comparator.comparingInt(T::domain)
          .thenComparingLong(T::ts)
          .thenComparingLong(T::key)
          .thenComparing(T::ns);

  /** Records what fires, checking the key context, and may act on a firing timer. */
  public static class Recorder implements TimerService.Triggerable<String> {
    final KeyedStateBackend backend;
    public final List<T> fired = new ArrayList<>();
    TimerService<String> service;
    java.util.function.Consumer<T> onFire = t -> {};

    public Recorder(KeyedStateBackend backend) {
      this.backend = backend;
    }

    @Override
    public void onEventTime(Timer<Object, String> t) {
      fire(0, t);
    }

    @Override
    public void onProcessingTime(Timer<Object, String> t) {
      fire(1, t);
    }

    private void fire(int domain, Timer<Object, String> t) {
      assertThat(backend.getCurrentKey())
          .as("the key context of a firing timer")
          .isEqualTo(t.key());
      T m = new T(domain, t.timestamp(), (Long) t.key(), t.namespace());
      fired.add(m);
      onFire.accept(m);
    }
  }

  public static TimerService<String> service(KeyedStateBackend b, Recorder r) {
    TimerService<String> s = new TimerService<>(b, "timers", Types.STRING, r);
    r.service = s;
    return s;
  }

  static void register(KeyedStateBackend b, TimerService<String> s, T t) {
    b.setCurrentKey(t.key());
    if (t.domain() == 0) {
      s.registerEventTimeTimer(t.ns(), t.ts());
    } else {
      s.registerProcessingTimeTimer(t.ns(), t.ts());
    }
  }

  private static void delete(KeyedStateBackend b, TimerService<String> s, T t) {
    b.setCurrentKey(t.key());
    if (t.domain() == 0) {
      s.deleteEventTimeTimer(t.ns(), t.ts());
    } else {
      s.deleteProcessingTimeTimer(t.ns(), t.ts());
    }
  }

  /** Checks one advance: what fired is exactly the model's due timers, in timestamp order. */
  private static void checkFired(List<T> fired, TreeSet<T> model, int domain, long upTo) {
    List<T> due = new ArrayList<>();
    for (T t : model) {
      if (t.domain() == domain && t.ts() <= upTo) {
        due.add(t);
      }
    }
    assertThat(fired.stream().map(T::ts).toList()).as("fired in timestamp order").isSorted();
    assertThat(new HashSet<>(fired)).as("fired once each").hasSize(fired.size());
    assertThat(new HashSet<>(fired)).isEqualTo(new HashSet<>(due));
    due.forEach(model::remove);
  }

  @Test
  void firesLikeASortedSetUnderRandomRegistrationsAndDeletes() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    TreeSet<T> model = new TreeSet<>(ORDER);
    Random random = new Random(42);
    long watermark = -1;
    long now = -1;
    for (int i = 0; i < 4000; i++) {
      int op = random.nextInt(20);
      if (op < 15) {
        T t =
            new T(
                op < 11 ? 0 : 1,
                Math.max(watermark, now) + 1 + random.nextInt(60),
                random.nextInt(300),
                "w" + random.nextInt(3));
        if (op < 8 || model.isEmpty()) {
          register(b, s, t);
          model.add(t);
        } else if (op < 10) { // again, one that is registered
          T again = model.ceiling(t);
          if (again != null) {
            register(b, s, again);
          }
        } else { // delete one that is registered, or one that is not
          T victim = random.nextBoolean() ? model.ceiling(t) : t;
          if (victim != null) {
            delete(b, s, victim);
            model.remove(victim);
          }
        }
      } else if (op < 18) {
        watermark += random.nextInt(25);
        r.fired.clear();
        s.advanceWatermark(watermark);
        checkFired(r.fired, model, 0, watermark);
      } else {
        now += random.nextInt(25);
        r.fired.clear();
        s.advanceProcessingTime(now);
        checkFired(r.fired, model, 1, now);
      }
      if (i % 500 == 0) {
        assertThat(s.numEventTimeTimers()).isEqualTo(count(model, 0));
        assertThat(s.numProcessingTimeTimers()).isEqualTo(count(model, 1));
        assertThat(s.nextProcessingTime())
            .isEqualTo(
                model.stream()
                    .filter(t -> t.domain() == 1)
                    .mapToLong(T::ts)
                    .min()
                    .orElse(Long.MAX_VALUE));
      }
    }
    r.fired.clear();
    s.advanceWatermark(Long.MAX_VALUE);
    checkFired(r.fired, model, 0, Long.MAX_VALUE);
    r.fired.clear();
    s.advanceProcessingTime(Long.MAX_VALUE);
    checkFired(r.fired, model, 1, Long.MAX_VALUE);
    assertThat(model).isEmpty();
    assertThat(s.numEventTimeTimers() + s.numProcessingTimeTimers()).isZero();
    assertThat(s.nextProcessingTime()).isEqualTo(Long.MAX_VALUE);
  }

  private static int count(Set<T> model, int domain) {
    return (int) model.stream().filter(t -> t.domain() == domain).count();
  }

  @Test
  void timersFireInTimestampOrderAcrossKeyGroups() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    Random random = new Random(7);
    TreeSet<T> model = new TreeSet<>(ORDER);
    for (long k = 0; k < 3000; k++) {
      T t = new T(0, random.nextInt(1_000_000), k, "w");
      register(b, s, t);
      model.add(t);
    }
    Set<Integer> groups = new HashSet<>();
    model.forEach(t -> groups.add(KeyGroups.assignToKeyGroup(t.key(), MAX_P)));
    assertThat(groups).as("keys spread over the key groups").hasSize(MAX_P);
    s.advanceWatermark(500_000);
    checkFired(r.fired, model, 0, 500_000);
    r.fired.clear();
    s.advanceWatermark(Long.MAX_VALUE);
    checkFired(r.fired, model, 0, Long.MAX_VALUE);
    assertThat(model).isEmpty();
  }

  @Test
  void registeringARegisteredTimerKeepsOne() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    // as a window does: every record of a key registers its window's end again
    for (int round = 0; round < 30; round++) {
      for (long k = 0; k < 400; k++) {
        register(b, s, new T(0, 1000 + k % 7, k, "w" + k % 2));
      }
    }
    assertThat(s.numEventTimeTimers()).isEqualTo(400);
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(r.fired).hasSize(400);
    assertThat(new HashSet<>(r.fired)).hasSize(400);
    // fired timers are gone: registering one again makes it fire again
    register(b, s, new T(0, 1000, 7, "w1"));
    r.fired.clear();
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(r.fired).containsExactly(new T(0, 1000, 7, "w1"));
  }

  @Test
  void deletedTimersNeverFire() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    TreeSet<T> model = new TreeSet<>(ORDER);
    for (long k = 0; k < 1000; k++) {
      T t = new T((int) (k % 2), k / 3, k, "w");
      register(b, s, t);
      model.add(t);
    }
    for (long k = 0; k < 1000; k += 3) { // the earliest of each timestamp and some late ones
      T t = new T((int) (k % 2), k / 3, k, "w");
      delete(b, s, t);
      model.remove(t);
    }
    delete(b, s, new T(0, 5, 1, "never registered"));
    assertThat(s.numEventTimeTimers()).isEqualTo(count(model, 0));
    s.advanceWatermark(Long.MAX_VALUE);
    checkFired(r.fired, model, 0, Long.MAX_VALUE);
    r.fired.clear();
    s.advanceProcessingTime(Long.MAX_VALUE);
    checkFired(r.fired, model, 1, Long.MAX_VALUE);
    assertThat(model).isEmpty();
  }

  @Test
  void aTimerRegisteredWhileFiringFiresInTheSameAdvanceIfDue() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    r.onFire =
        t -> {
          if (t.ns().equals("first")) { // the key context is the timer's key
            s.registerEventTimeTimer("again", t.ts() + 5);
            s.registerEventTimeTimer("later", t.ts() + 100);
            s.deleteEventTimeTimer("doomed", t.ts() + 1);
          }
        };
    for (long k = 0; k < 50; k++) {
      register(b, s, new T(0, 10, k, "first"));
      register(b, s, new T(0, 11, k, "doomed"));
    }
    s.advanceWatermark(20);
    assertThat(r.fired).hasSize(100);
    assertThat(r.fired.stream().map(T::ts).toList()).isSorted();
    assertThat(r.fired).filteredOn(t -> t.ns().equals("again")).hasSize(50);
    assertThat(r.fired).noneMatch(t -> t.ns().equals("doomed"));
    assertThat(s.numEventTimeTimers()).isEqualTo(50);
  }

  @Test
  void aTimerRegisteredWhileFiringBeforeOtherDueOnesFiresBeforeThem() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    r.onFire =
        t -> {
          if (t.ns().equals("first") && t.key() % 10 == 9) {
            s.registerEventTimeTimer("between", 15);
          }
        };
    for (long k = 0; k < 50; k++) {
      register(b, s, new T(0, 10, k, "first"));
      register(b, s, new T(0, 20 + k % 3, k, "last"));
    }
    s.advanceWatermark(30);
    assertThat(r.fired).hasSize(105);
    assertThat(r.fired.stream().map(T::ts).toList()).isSorted();
    assertThat(r.fired.subList(50, 55)).allMatch(t -> t.ns().equals("between"));
    assertThat(s.numEventTimeTimers()).isZero();
  }

  @Test
  void aBudgetStopsFiringAndTheNextAdvanceGoesOn() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    for (long k = 0; k < 100; k++) {
      register(b, s, new T(0, k, k, "w"));
    }
    int advances = 0;
    while (!s.advanceWatermark(49, 7)) {
      advances++;
    }
    assertThat(advances).isEqualTo(7); // 50 due: seven full budgets, then the last one
    assertThat(r.fired.stream().map(T::ts).toList())
        .isEqualTo(java.util.stream.LongStream.range(0, 50).boxed().toList());
    assertThat(s.numEventTimeTimers()).isEqualTo(50);
  }

  // ---- snapshots ----

  /** Timers of both domains for {@code keys} keys, each in the backend that owns its key. */
  private static TreeSet<T> fill(
      List<KeyedStateBackend> bs, List<TimerService<String>> ss, int keys) {
    TreeSet<T> model = new TreeSet<>(ORDER);
    for (long k = 0; k < keys; k++) {
      KeyedStateBackend b = owner(bs, k);
      TimerService<String> s = ss.get(bs.indexOf(b));
      for (int i = 0; i <= k % 3; i++) {
        T t = new T(i % 2, 100 + (k * 37 + i * 11) % 500, k, "w" + i);
        register(b, s, t);
        model.add(t);
      }
    }
    return model;
  }

  private static List<byte[]> snapshot(List<KeyedStateBackend> bs) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (KeyedStateBackend b : bs) {
      MemoryDataOutput o = new MemoryDataOutput();
      b.snapshot(o);
      out.add(o.toByteArray());
    }
    return out;
  }

  /**
   * Restores the snapshots into the backends, then creates their services (as operators do), and
   * checks that each backend fires exactly the model's timers of the keys it owns.
   */
  public static void restoreAndCheck(
      List<KeyedStateBackend> bs, List<byte[]> snapshots, Set<T> model) throws Exception {
    for (KeyedStateBackend b : bs) {
      for (byte[] snapshot : snapshots) {
        b.restore(new MemoryDataInput(snapshot));
      }
    }
    checkServices(bs, model);
  }

  /** Creates a service on each (restored) backend and checks it fires the model's timers. */
  public static void checkServices(List<KeyedStateBackend> bs, Set<T> model) throws Exception {
    for (KeyedStateBackend b : bs) {
      Recorder r = new Recorder(b);
      TimerService<String> s = service(b, r);
      TreeSet<T> mine = new TreeSet<>(ORDER);
      model.stream().filter(t -> owner(bs, t.key()) == b).forEach(mine::add);
      assertThat(s.numEventTimeTimers()).isEqualTo(count(mine, 0));
      assertThat(s.numProcessingTimeTimers()).isEqualTo(count(mine, 1));
      s.advanceWatermark(300);
      checkFired(r.fired, mine, 0, 300);
      r.fired.clear();
      s.advanceProcessingTime(Long.MAX_VALUE);
      checkFired(r.fired, mine, 1, Long.MAX_VALUE);
      r.fired.clear();
      s.advanceWatermark(Long.MAX_VALUE);
      checkFired(r.fired, mine, 0, Long.MAX_VALUE);
      assertThat(mine).isEmpty();
    }
  }

  /** Backends of the kind under test at parallelism {@code p} with {@link #fill}ed timers. */
  public static TreeSet<T> filled(List<KeyedStateBackend> bs, int keys) {
    List<TimerService<String>> ss = new ArrayList<>();
    for (KeyedStateBackend b : bs) {
      ss.add(service(b, new Recorder(b)));
    }
    return fill(bs, ss, keys);
  }

  @Test
  void snapshotsRestoreIntoThisKindAndTheHeapAtOtherParallelisms() throws Exception {
    List<KeyedStateBackend> two = backends(2);
    TreeSet<T> model = filled(two, 600);
    List<byte[]> snapshots = snapshot(two);
    restoreAndCheck(backends(3), snapshots, model);
    restoreAndCheck(backends(2), snapshots, model);
    restoreAndCheck(heapBackends(1), snapshots, model);
  }

  @Test
  void heapSnapshotsRestoreIntoThisKind() throws Exception {
    List<KeyedStateBackend> heap = heapBackends(3);
    TreeSet<T> model = filled(heap, 600);
    restoreAndCheck(backends(2), snapshot(heap), model);
  }

  @Test
  void timersChangedAfterARestoreAreInTheNextSnapshot() throws Exception {
    List<KeyedStateBackend> one = backends(1);
    TreeSet<T> model = filled(one, 300);
    List<KeyedStateBackend> two = backends(2);
    for (KeyedStateBackend b : two) {
      b.restore(new MemoryDataInput(snapshot(one).get(0)));
    }
    List<TimerService<String>> ss = new ArrayList<>();
    for (KeyedStateBackend b : two) {
      ss.add(service(b, new Recorder(b)));
    }
    for (long k = 0; k < 300; k += 2) { // delete some restored timers, add others
      KeyedStateBackend b = owner(two, k);
      T gone = new T(0, 100 + (k * 37) % 500, k, "w0");
      delete(b, ss.get(two.indexOf(b)), gone);
      model.remove(gone);
      T added = new T(1, 7, k, "new");
      register(b, ss.get(two.indexOf(b)), added);
      model.add(added);
    }
    restoreAndCheck(backends(3), snapshot(two), model);
  }
}
