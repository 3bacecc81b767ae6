package io.spry.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.AggregateFunction;
import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every keyed state backend must have, run against each backend by a subclass (the
 * heap backend here, RocksDB in spry-state-rocksdb): each state kind, time to live on a manual
 * clock, namespaced state and merging, iteration over keys, and snapshots restored into the same
 * and other parallelisms, checked against plain Java maps kept beside the backend.
 */
public abstract class KeyedStateBackendTestSuite {
  public static final int MAX_P = 128;
  static final TypeInfo<long[]> LONGS = Types.PRIMITIVE_ARRAY(long.class);

  /** Processing time the test moves. */
  protected final AtomicLong now = new AtomicLong(1_000_000);

  protected final Clock clock =
      new Clock() {
        @Override
        public long millis() {
          return now.get();
        }

        @Override
        public long nanos() {
          return now.get() * 1_000_000;
        }
      };

  private final List<KeyedStateBackend> created = new ArrayList<>();

  /** A new, empty backend of the kind under test. */
  protected abstract KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) throws Exception;

  protected final KeyedStateBackend backend(int parallelism, int index, TypeInfo<?> keyType)
      throws Exception {
    KeyedStateBackend b =
        newBackend(KeyGroups.rangeForOperator(MAX_P, parallelism, index), MAX_P, clock, keyType);
    created.add(b);
    return b;
  }

  protected final KeyedStateBackend backend() throws Exception {
    return backend(1, 0, Types.STRING);
  }

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  // ---- each kind ----

  @Test
  void valueStateFollowsTheCurrentKey() throws Exception {
    KeyedStateBackend b = backend();
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("v", Types.STRING, "none");
    ValueState<String> s = b.getOrCreateState(d);
    b.setCurrentKey("a");
    assertThat(s.value()).isEqualTo("none");
    s.update("A");
    b.setCurrentKey("b");
    assertThat(s.value()).isEqualTo("none");
    s.update("B");
    b.setCurrentKey("a");
    assertThat(s.value()).isEqualTo("A");
    assertThat(b.getOrCreateState(d)).isSameAs(s);
    assertThat(b.numKeys("v")).isEqualTo(2);
    s.update(null);
    assertThat(s.value()).isEqualTo("none");
    assertThat(b.numKeys("v")).isEqualTo(1);
  }

  @Test
  void listStateKeepsOrderAndSupportsEveryWrite() throws Exception {
    KeyedStateBackend b = backend();
    ListState<Integer> l = b.getOrCreateState(new ListStateDescriptor<>("l", Types.INT));
    b.setCurrentKey("k");
    assertThat(l.get()).isEmpty();
    l.add(1);
    l.add(2);
    l.addAll(List.of(3, 4));
    assertThat(l.get()).containsExactly(1, 2, 3, 4);
    l.update(List.of(9, 8));
    assertThat(l.get()).containsExactly(9, 8);
    b.setCurrentKey("other");
    assertThat(l.get()).isEmpty();
    b.setCurrentKey("k");
    l.clear();
    assertThat(l.get()).isEmpty();
    assertThat(b.numKeys("l")).isZero();
    assertThatThrownBy(() -> l.add(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void reducingAndAggregatingStateCombine() throws Exception {
    KeyedStateBackend b = backend();
    ReducingState<Long> sum =
        b.getOrCreateState(new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG));
    AggregatingState<Integer, Double> avg =
        b.getOrCreateState(new AggregatingStateDescriptor<>("avg", new Average(), LONGS));
    Map<String, long[]> expected = new HashMap<>();
    Random r = new Random(7);
    for (int i = 0; i < 500; i++) {
      String key = "k" + r.nextInt(20);
      int v = r.nextInt(1000);
      b.setCurrentKey(key);
      sum.add((long) v);
      avg.add(v);
      long[] e = expected.computeIfAbsent(key, k -> new long[2]);
      e[0] += v;
      e[1]++;
    }
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      b.setCurrentKey(e.getKey());
      assertThat(sum.get()).isEqualTo(e.getValue()[0]);
      assertThat(avg.get()).isEqualTo((double) e.getValue()[0] / e.getValue()[1]);
    }
    b.setCurrentKey("never");
    assertThat(sum.get()).isNull();
    assertThat(avg.get()).isNull();
  }

  /** The average of ints with a {sum, count} accumulator. */
  static final class Average implements AggregateFunction<Integer, long[], Double> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Integer value, long[] acc) {
      acc[0] += value;
      acc[1]++;
      return acc;
    }

    @Override
    public Double getResult(long[] acc) {
      return (double) acc[0] / acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  @Test
  void mapStateAgainstAHashMap() throws Exception {
    KeyedStateBackend b = backend();
    MapState<Integer, String> m =
        b.getOrCreateState(new MapStateDescriptor<>("m", Types.INT, Types.STRING));
    Map<String, Map<Integer, String>> expected = new HashMap<>();
    Random r = new Random(11);
    for (int i = 0; i < 2000; i++) {
      String key = "k" + r.nextInt(5);
      int mk = r.nextInt(300);
      b.setCurrentKey(key);
      Map<Integer, String> e = expected.computeIfAbsent(key, k -> new HashMap<>());
      switch (r.nextInt(4)) {
        case 0, 1 -> {
          m.put(mk, "v" + i);
          e.put(mk, "v" + i);
        }
        case 2 -> {
          m.remove(mk);
          e.remove(mk);
        }
        default -> assertThat(m.get(mk)).isEqualTo(e.get(mk));
      }
      assertThat(m.contains(mk)).isEqualTo(e.containsKey(mk));
    }
    for (Map.Entry<String, Map<Integer, String>> e : expected.entrySet()) {
      b.setCurrentKey(e.getKey());
      assertThat(toMap(m)).isEqualTo(e.getValue());
      List<Integer> keys = new ArrayList<>();
      m.keys().forEach(keys::add);
      assertThat(keys).containsExactlyInAnyOrderElementsOf(e.getValue().keySet());
      List<String> values = new ArrayList<>();
      m.values().forEach(values::add);
      assertThat(values).containsExactlyInAnyOrderElementsOf(e.getValue().values());
      assertThat(m.isEmpty()).isEqualTo(e.getValue().isEmpty());
    }
    b.setCurrentKey("k0");
    m.clear();
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.entries()).isEmpty();
    b.setCurrentKey("k1");
    assertThat(toMap(m)).isEqualTo(expected.get("k1"));
  }

  @Test
  void mapIterationRemovesThroughTheIteratorAndSeesAllOfABigMap() throws Exception {
    KeyedStateBackend b = backend();
    MapState<Integer, Integer> m =
        b.getOrCreateState(new MapStateDescriptor<>("big", Types.INT, Types.INT));
    b.setCurrentKey("k");
    for (int i = 0; i < 1000; i++) {
      m.put(i, i * i);
    }
    int seen = 0;
    for (Iterator<Map.Entry<Integer, Integer>> it = m.entries().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Integer> e = it.next();
      assertThat(e.getValue()).isEqualTo(e.getKey() * e.getKey());
      seen++;
      if (e.getKey() % 2 == 0) {
        it.remove();
      }
    }
    assertThat(seen).isEqualTo(1000);
    Map<Integer, Integer> left = toMap(m);
    assertThat(left).hasSize(500).allSatisfy((k, v) -> assertThat(k % 2).isEqualTo(1));
  }

  static <K, V> Map<K, V> toMap(MapState<K, V> m) throws Exception {
    Map<K, V> out = new HashMap<>();
    for (Map.Entry<K, V> e : m.entries()) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  @Test
  void theSameNameWithAnotherKindIsAnError() throws Exception {
    KeyedStateBackend b = backend();
    b.getOrCreateState(new ValueStateDescriptor<>("x", Types.STRING));
    assertThatThrownBy(() -> b.getOrCreateState(new ListStateDescriptor<>("x", Types.STRING)))
        .hasMessageContaining("different name");
  }

  @Test
  void aKeyOfAnotherSubtaskIsRejected() throws Exception {
    KeyedStateBackend half = backend(2, 0, Types.INT);
    Object foreign = null;
    for (int i = 0; foreign == null; i++) {
      if (KeyGroups.assignToKeyGroup(i, MAX_P) >= 64) {
        foreign = i;
      }
    }
    Object key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key)).hasMessageContaining("does not own");
  }

  @Test
  void forEachKeyVisitsEveryKeyWithItsContextAndAllowsChanges() throws Exception {
    KeyedStateBackend b = backend(1, 0, Types.INT);
    ValueStateDescriptor<Integer> d = new ValueStateDescriptor<>("v", Types.INT);
    ValueState<Integer> s = b.getOrCreateState(d);
    for (int k = 0; k < 3000; k++) {
      b.setCurrentKey(k);
      s.update(k);
    }
    List<Object> visited = new ArrayList<>();
    b.forEachKey(
        d,
        key -> {
          visited.add(key);
          assertThat(b.getCurrentKey()).isEqualTo(key);
          if ((Integer) key % 3 == 0) {
            s.clear();
          } else {
            s.update(s.value() + 1);
          }
        });
    assertThat(visited).hasSize(3000).doesNotHaveDuplicates();
    assertThat(b.numKeys("v")).isEqualTo(2000);
    b.setCurrentKey(10);
    assertThat(s.value()).isEqualTo(11);
  }

  // ---- time to live ----

  private static StateTtlConfig ttl(StateTtlConfig.UpdateType update, int cleanup) {
    return StateTtlConfig.newBuilder(Duration.ofSeconds(10))
        .setUpdateType(update)
        .cleanupIncrementally(cleanup)
        .build();
  }

  @Test
  void aValueExpiresAfterItsLastWriteAndIsNeverReturned() throws Exception {
    KeyedStateBackend b = backend();
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("v", Types.STRING);
    d.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 0));
    ValueState<String> s = b.getOrCreateState(d);
    b.setCurrentKey("a");
    s.update("x");
    now.addAndGet(9_000);
    assertThat(s.value()).isEqualTo("x");
    now.addAndGet(1_000);
    assertThat(s.value()).isNull();
    assertThat(b.numKeys("v")).isZero();
  }

  @Test
  void readsRefreshWhenConfigured() throws Exception {
    KeyedStateBackend b = backend();
    ValueStateDescriptor<String> v = new ValueStateDescriptor<>("v", Types.STRING);
    v.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE, 0));
    MapStateDescriptor<String, String> md =
        new MapStateDescriptor<>("m", Types.STRING, Types.STRING);
    md.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE, 0));
    ListStateDescriptor<String> ld = new ListStateDescriptor<>("l", Types.STRING);
    ld.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_READ_AND_WRITE, 0));
    ValueState<String> s = b.getOrCreateState(v);
    MapState<String, String> m = b.getOrCreateState(md);
    ListState<String> l = b.getOrCreateState(ld);
    b.setCurrentKey("a");
    s.update("x");
    m.put("k", "y");
    l.add("z");
    for (int i = 0; i < 5; i++) {
      now.addAndGet(8_000);
      assertThat(s.value()).isEqualTo("x");
      assertThat(m.get("k")).isEqualTo("y");
      assertThat(l.get()).containsExactly("z");
    }
    now.addAndGet(10_000);
    assertThat(s.value()).isNull();
    assertThat(m.get("k")).isNull();
    assertThat(l.get()).isEmpty();
  }

  @Test
  void listElementsAndMapEntriesExpireOneByOne() throws Exception {
    KeyedStateBackend b = backend();
    ListStateDescriptor<String> ld = new ListStateDescriptor<>("l", Types.STRING);
    ld.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 0));
    MapStateDescriptor<String, String> md =
        new MapStateDescriptor<>("m", Types.STRING, Types.STRING);
    md.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 0));
    ListState<String> l = b.getOrCreateState(ld);
    MapState<String, String> m = b.getOrCreateState(md);
    b.setCurrentKey("a");
    l.add("1");
    m.put("k1", "1");
    now.addAndGet(6_000);
    l.add("2");
    m.put("k2", "2");
    assertThat(l.get()).containsExactly("1", "2");
    assertThat(toMap(m)).containsOnlyKeys("k1", "k2");
    now.addAndGet(5_000);
    assertThat(l.get()).containsExactly("2");
    assertThat(toMap(m)).containsOnlyKeys("k2");
    now.addAndGet(6_000);
    assertThat(l.get()).isEmpty();
    assertThat(m.isEmpty()).isTrue();
    assertThat(b.numKeys("l")).isZero();
    assertThat(b.numKeys("m")).isZero();
  }

  @Test
  void incrementalCleanupRemovesExpiredKeysThatAreNeverTouchedAgain() throws Exception {
    KeyedStateBackend b = backend();
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("v", Types.STRING);
    d.enableTimeToLive(ttl(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 10));
    ValueState<String> s = b.getOrCreateState(d);
    for (int i = 0; i < 200; i++) {
      b.setCurrentKey("k" + i);
      s.update("v");
    }
    assertThat(b.numKeys("v")).isEqualTo(200);
    now.addAndGet(11_000);
    b.setCurrentKey("other");
    for (int i = 0; i < 200; i++) { // on average 10 entries examined per access
      s.value();
    }
    assertThat(b.numKeys("v")).isZero();
  }

  // ---- namespaced state ----

  @SuppressWarnings({"unchecked", "rawtypes"})
  protected static <S> S inWindow(KeyedStateBackend b, StateDescriptor<?, ?> d, TimeWindow w) {
    Object s = b.getOrCreateNamespacedState((StateDescriptor) d, TimeWindowTypeInfo.INSTANCE);
    ((NamespacedState) s).setCurrentNamespace(w);
    return (S) s;
  }

  static TimeWindow w(long start) {
    return new TimeWindow(start, start + 10);
  }

  @Test
  void namespacedStateKeepsWindowsApartAndMerges() throws Exception {
    KeyedStateBackend b = backend();
    ReducingStateDescriptor<Long> sumD =
        new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG);
    ListStateDescriptor<Integer> listD = new ListStateDescriptor<>("list", Types.INT);
    AggregatingStateDescriptor<Integer, long[], Double> avgD =
        new AggregatingStateDescriptor<>("avg", new Average(), LONGS);
    b.setCurrentKey("k");
    for (long start = 0; start < 30; start += 10) {
      ReducingState<Long> sum = inWindow(b, sumD, w(start));
      ListState<Integer> list = inWindow(b, listD, w(start));
      AggregatingState<Integer, Double> avg = inWindow(b, avgD, w(start));
      for (int i = 1; i <= 2; i++) {
        sum.add(start + i);
        list.add((int) start + i);
        avg.add((int) start + i);
      }
    }
    b.setCurrentKey("other");
    ReducingState<Long> otherSum = inWindow(b, sumD, w(0));
    otherSum.add(1000L);
    b.setCurrentKey("k");
    assertThat(b.numNamespacedEntries("sum")).isEqualTo(4);
    for (StateDescriptor<?, ?> d : List.of(sumD, listD, avgD)) {
      NamespacedState ns = inWindow(b, d, w(0));
      ns.mergeNamespaces(w(0), List.of(w(10), w(20)));
    }
    ReducingState<Long> sum = inWindow(b, sumD, w(0));
    assertThat(sum.get()).isEqualTo(1 + 2 + 11 + 12 + 21 + 22L);
    ListState<Integer> list = inWindow(b, listD, w(0));
    assertThat(list.get()).containsExactlyInAnyOrder(1, 2, 11, 12, 21, 22);
    AggregatingState<Integer, Double> avg = inWindow(b, avgD, w(0));
    assertThat(avg.get()).isEqualTo(69 / 6.0);
    assertThat(((ReducingState<Long>) inWindow(b, sumD, w(10))).get()).isNull();
    assertThat(b.numNamespacedEntries("sum")).isEqualTo(2);
    assertThat(b.numNamespacedEntries("list")).isEqualTo(1);
    b.setCurrentKey("other");
    assertThat(((ReducingState<Long>) inWindow(b, sumD, w(0))).get()).isEqualTo(1000L);
    b.setCurrentKey("k");
    ((ReducingState<Long>) inWindow(b, sumD, w(0))).clear();
    assertThat(b.numNamespacedEntries("sum")).isEqualTo(1);
    // merging into a window that holds nothing yet
    ListState<Integer> l30 = inWindow(b, listD, w(30));
    l30.add(5);
    ((NamespacedState) l30).mergeNamespaces(w(40), List.of(w(30)));
    assertThat(((ListState<Integer>) inWindow(b, listD, w(40))).get()).containsExactly(5);
    assertThat(((ListState<Integer>) inWindow(b, listD, w(30))).get()).isEmpty();
  }

  @Test
  void namespacedMapAndValueStateAreScopedByWindow() throws Exception {
    KeyedStateBackend b = backend();
    MapStateDescriptor<String, Integer> md = new MapStateDescriptor<>("m", Types.STRING, Types.INT);
    ValueStateDescriptor<Integer> vd = new ValueStateDescriptor<>("v", Types.INT);
    b.setCurrentKey("k");
    for (long s = 0; s < 50; s += 10) {
      MapState<String, Integer> m = inWindow(b, md, w(s));
      m.put("a", (int) s);
      m.put("b", (int) s + 1);
      ValueState<Integer> v = inWindow(b, vd, w(s));
      v.update((int) s);
    }
    for (long s = 0; s < 50; s += 10) {
      assertThat(toMap(inWindow(b, md, w(s)))).isEqualTo(Map.of("a", (int) s, "b", (int) s + 1));
      assertThat(((ValueState<Integer>) inWindow(b, vd, w(s))).value()).isEqualTo((int) s);
    }
    ((MapState<String, Integer>) inWindow(b, md, w(20))).clear();
    assertThat(toMap(inWindow(b, md, w(20)))).isEmpty();
    assertThat(toMap(inWindow(b, md, w(30)))).hasSize(2);
    assertThat(b.numNamespacedEntries("m")).isEqualTo(4);
    assertThatThrownBy(
            () -> ((NamespacedState) inWindow(b, vd, w(0))).mergeNamespaces(w(0), List.of(w(10))))
        .hasMessageContaining("cannot be merged");
  }

  // ---- snapshots ----

  public static ValueStateDescriptor<Long> value() {
    return new ValueStateDescriptor<>("value", Types.LONG);
  }

  static ListStateDescriptor<String> list() {
    return new ListStateDescriptor<>("list", Types.STRING);
  }

  static MapStateDescriptor<String, Long> map() {
    return new MapStateDescriptor<>("map", Types.STRING, Types.LONG);
  }

  static ReducingStateDescriptor<Long> windowSum() {
    return new ReducingStateDescriptor<>("window-sum", Long::sum, Types.LONG);
  }

  static ListStateDescriptor<Long> windowList() {
    return new ListStateDescriptor<>("window-list", Types.LONG);
  }

  static ValueStateDescriptor<String> ttlValue() {
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("ttl", Types.STRING);
    d.enableTimeToLive(
        StateTtlConfig.newBuilder(Duration.ofSeconds(10)).cleanupIncrementally(0).build());
    return d;
  }

  /** Backends of one parallelism over long keys. */
  protected final List<KeyedStateBackend> backends(int p) throws Exception {
    List<KeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(backend(p, i, Types.LONG));
    }
    return out;
  }

  public static KeyedStateBackend owner(List<KeyedStateBackend> bs, long key) {
    int kg = KeyGroups.assignToKeyGroup(key, MAX_P);
    return bs.get(KeyGroups.operatorIndexForKeyGroup(MAX_P, bs.size(), kg));
  }

  /** Fills every kind of state, plain and namespaced, for {@code keys} keys, and a timer part. */
  public static void fill(List<KeyedStateBackend> bs, int keys) throws Exception {
    for (long k = 0; k < keys; k++) {
      KeyedStateBackend b = owner(bs, k);
      b.setCurrentKey(k);
      b.getOrCreateState(value()).update(k * 10);
      ListState<String> l = b.getOrCreateState(list());
      for (long i = 0; i <= k % 3; i++) {
        l.add("e" + k + "." + i);
      }
      MapState<String, Long> m = b.getOrCreateState(map());
      m.put("m" + (k % 4), k);
      m.put("x", -k);
      if (k % 2 == 0) {
        b.getOrCreateState(ttlValue()).update("t" + k);
      }
      for (long w = 0; w <= k % 3; w++) {
        ReducingState<Long> ws = inWindow(b, windowSum(), w(w * 10));
        ws.add(k + w);
        ListState<Long> wl = inWindow(b, windowList(), w(w * 10));
        wl.add(k);
        wl.add(w);
      }
    }
  }

  /** Checks what {@link #fill} wrote, each key in the backend that owns it. */
  public static void check(List<KeyedStateBackend> bs, int keys) throws Exception {
    for (long k = 0; k < keys; k++) {
      KeyedStateBackend b = owner(bs, k);
      b.setCurrentKey(k);
      assertThat(b.getOrCreateState(value()).value()).isEqualTo(k * 10);
      List<String> expectedList = new ArrayList<>();
      for (long i = 0; i <= k % 3; i++) {
        expectedList.add("e" + k + "." + i);
      }
      assertThat(b.getOrCreateState(list()).get()).containsExactlyElementsOf(expectedList);
      assertThat(toMap(b.getOrCreateState(map()))).isEqualTo(Map.of("m" + (k % 4), k, "x", -k));
      assertThat(b.getOrCreateState(ttlValue()).value()).isEqualTo(k % 2 == 0 ? "t" + k : null);
      for (long w = 0; w < 4; w++) {
        ReducingState<Long> ws = inWindow(b, windowSum(), w(w * 10));
        ListState<Long> wl = inWindow(b, windowList(), w(w * 10));
        if (w <= k % 3) {
          assertThat(ws.get()).isEqualTo(k + w);
          assertThat(wl.get()).containsExactly(k, w);
        } else {
          assertThat(ws.get()).isNull();
          assertThat(wl.get()).isEmpty();
        }
      }
    }
    int total = 0;
    int windows = 0;
    for (KeyedStateBackend b : bs) {
      total += b.numKeys("value");
      windows += b.numNamespacedEntries("window-sum");
    }
    assertThat(total).isEqualTo(keys);
    long expectedWindows = 0;
    for (long k = 0; k < keys; k++) {
      expectedWindows += k % 3 + 1;
    }
    assertThat(windows).isEqualTo(expectedWindows);
  }

  public static List<byte[]> snapshot(List<KeyedStateBackend> bs) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (KeyedStateBackend b : bs) {
      MemoryDataOutput o = new MemoryDataOutput();
      b.snapshot(o);
      out.add(o.toByteArray());
    }
    return out;
  }

  public static void restore(List<KeyedStateBackend> bs, List<byte[]> snapshots)
      throws IOException {
    for (KeyedStateBackend b : bs) {
      for (byte[] s : snapshots) {
        b.restore(new MemoryDataInput(s));
      }
    }
  }

  @Test
  void snapshotsRestoreAtTheSameAndOtherParallelisms() throws Exception {
    List<KeyedStateBackend> two = backends(2);
    fill(two, 400);
    List<byte[]> fromTwo = snapshot(two);
    List<KeyedStateBackend> same = backends(2);
    restore(same, fromTwo);
    check(same, 400);
    List<KeyedStateBackend> three = backends(3);
    restore(three, fromTwo);
    check(three, 400);
    List<KeyedStateBackend> one = backends(1);
    restore(one, snapshot(three));
    check(one, 400);
  }

  @Test
  void restoredStatesNotYetRequestedSurviveTheNextSnapshot() throws Exception {
    List<KeyedStateBackend> two = backends(2);
    fill(two, 300);
    List<KeyedStateBackend> middle = backends(3);
    restore(middle, snapshot(two));
    for (KeyedStateBackend b : middle) { // request one state of six
      b.getOrCreateState(value());
    }
    List<KeyedStateBackend> last = backends(2);
    restore(last, snapshot(middle));
    check(last, 300);
  }

  @Test
  void expiredValuesAreLeftOutOfSnapshotsAndTimestampsSurvive() throws Exception {
    KeyedStateBackend b = backend();
    ValueStateDescriptor<String> d = ttlValue();
    ValueState<String> s = b.getOrCreateState(d);
    b.setCurrentKey("old");
    s.update("x");
    now.addAndGet(6_000);
    b.setCurrentKey("young");
    s.update("y");
    now.addAndGet(5_000); // old: 11 s, expired; young: 5 s
    List<byte[]> snapshot = snapshot(List.of(b));
    KeyedStateBackend restored = backend();
    restore(List.of(restored), snapshot);
    ValueState<String> r = restored.getOrCreateState(d);
    assertThat(restored.numKeys("ttl")).isEqualTo(1);
    restored.setCurrentKey("young");
    assertThat(r.value()).isEqualTo("y");
    now.addAndGet(5_000); // young was written 10 s ago: its timestamp came back with it
    assertThat(r.value()).isNull();
  }

  @Test
  void timeToLiveSwitchedOnOrOffAcrossARestore() throws Exception {
    KeyedStateBackend b = backend();
    ListState<String> plain = b.getOrCreateState(new ListStateDescriptor<>("l", Types.STRING));
    b.setCurrentKey("a");
    plain.add("1");
    plain.add("2");
    KeyedStateBackend withTtl = backend();
    restore(List.of(withTtl), snapshot(List.of(b)));
    ListStateDescriptor<String> d = new ListStateDescriptor<>("l", Types.STRING);
    d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(10)).build());
    ListState<String> l = withTtl.getOrCreateState(d);
    withTtl.setCurrentKey("a");
    assertThat(l.get()).containsExactly("1", "2");
    now.addAndGet(10_000); // restored without timestamps: they live from the restore on
    assertThat(l.get()).isEmpty();
    l.add("3");
    KeyedStateBackend without = backend();
    restore(List.of(without), snapshot(List.of(withTtl)));
    ListState<String> back = without.getOrCreateState(new ListStateDescriptor<>("l", Types.STRING));
    without.setCurrentKey("a");
    now.addAndGet(100_000);
    assertThat(back.get()).containsExactly("3");
  }

  @Test
  void aStateRestoredAsAnotherKindIsAClearError() throws Exception {
    List<KeyedStateBackend> one = backends(1);
    fill(one, 10);
    List<byte[]> snapshots = snapshot(one);
    KeyedStateBackend b = backends(1).get(0);
    restore(List.of(b), snapshots);
    assertThatThrownBy(() -> b.getOrCreateState(new ListStateDescriptor<>("value", Types.LONG)))
        .hasMessageContaining("'value'")
        .hasMessageContaining("VALUE")
        .hasMessageContaining("LIST");
  }

  @Test
  void snapshotPartsGoIntoTheirKeyGroupsAndComeBackWhenRegistered() throws Exception {
    List<KeyedStateBackend> two = backends(2);
    List<RecordingPart> parts = new ArrayList<>();
    for (KeyedStateBackend b : two) {
      RecordingPart p = new RecordingPart(b);
      b.registerSnapshotPart("timers", p);
      parts.add(p);
    }
    for (long k = 0; k < 200; k++) {
      RecordingPart p = parts.get(two.indexOf(owner(two, k)));
      p.entries.put(k, k * 7);
    }
    List<byte[]> snapshots = snapshot(two);
    List<KeyedStateBackend> three = backends(3);
    restore(three, snapshots); // restored before the part registers, as operators do
    Map<Long, Long> all = new TreeMap<>();
    for (KeyedStateBackend b : three) {
      RecordingPart p = new RecordingPart(b);
      b.registerSnapshotPart("timers", p);
      for (long k : p.entries.keySet()) {
        assertThat(owner(three, k)).isSameAs(b);
      }
      all.putAll(p.entries);
    }
    assertThat(all).hasSize(200).allSatisfy((k, v) -> assertThat(v).isEqualTo(k * 7));
  }

  /** A snapshot part holding long key to long, as a timer service holds timers. */
  static final class RecordingPart implements KeyGroupedSnapshotPart {
    final KeyedStateBackend backend;
    final Map<Long, Long> entries = new TreeMap<>();

    RecordingPart(KeyedStateBackend backend) {
      this.backend = backend;
    }

    @Override
    public int kind() {
      return KeyedStateSnapshot.KIND_TIMERS;
    }

    @Override
    public Snapshot snapshot() {
      Map<Long, Long> copy = new TreeMap<>(entries);
      return (keyGroup, keys, writer) -> write(copy, keyGroup, keys, writer);
    }

    private static void write(
        Map<Long, Long> entries,
        int keyGroup,
        io.spry.api.types.TypeSerializer<Object> keys,
        KeyedStateSnapshot.Writer writer)
        throws IOException {
      for (Map.Entry<Long, Long> e : entries.entrySet()) {
        if (KeyGroups.assignToKeyGroup(e.getKey(), MAX_P) == keyGroup) {
          MemoryDataOutput out = writer.entry();
          KeyedStateSnapshot.writePart(out, keys, e.getKey());
          out.writeInt(0); // empty namespace part
          out.writeLong(e.getValue());
          out.writeByte(0);
        }
      }
    }

    @Override
    public void restore(int keyGroup, int flags, MemoryDataInput in) throws IOException {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        Long key = (Long) KeyedStateSnapshot.readPart(in, backend.keySerializer(), "key");
        in.skipBytes(in.readInt());
        entries.put(key, in.readLong());
        in.readByte();
      }
    }
  }
}
