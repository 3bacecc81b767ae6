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
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.ClassVersions;
import io.spry.api.types.IncompatibleSchemaException;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyed state of every kind written with one version of its record types and restored with the next
 * (classes compiled at test time, same names): values, list elements, reduced and aggregated
 * values, map values and map keys, and window (namespaced) values come back converted, also at
 * another parallelism, into and out of the heap backend, and through a snapshot of a backend that
 * never requested the state. Run against each backend by a subclass, like {@link
 * KeyedStateBackendTestSuite}; the expected values are built independently from the V2 classes.
 */
public abstract class KeyedStateSchemaEvolutionSuite {
  public static final int MAX_P = 128;
  public static final int KEYS = 200;

  public static final String ITEM_V1 =
      "package evo; public record Item(String sku, int qty, String obsolete) {}";
  public static final String ITEM_V2 =
      "package evo; public record Item(String note, long qty, String sku) {}";
  public static final String ITEM_V3 =
      "package evo; public record Item(String note, String qty, String sku) {}";
  public static final String TAG_V1 = "package evo; public record Tag(String name) {}";
  public static final String TAG_V2 = "package evo; public record Tag(String name, int weight) {}";

  private final List<KeyedStateBackend> created = new ArrayList<>();

  /** A new, empty backend of the kind under test. */
  protected abstract KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) throws Exception;

  /** A backend of the kind under test with Long keys, closed after the test. */
  protected final KeyedStateBackend backend(KeyGroupRange range) throws Exception {
    return track(newBackend(range, MAX_P, Clock.system(), Types.LONG));
  }

  /** A heap backend with Long keys, to cross between backends. */
  protected final KeyedStateBackend heap(KeyGroupRange range) {
    return track(new HeapKeyedStateBackend(range, MAX_P, Clock.system(), Types.LONG));
  }

  protected final KeyedStateBackend track(KeyedStateBackend b) {
    created.add(b);
    return b;
  }

  protected static KeyGroupRange all() {
    return new KeyGroupRange(0, MAX_P - 1);
  }

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
    created.clear();
  }

  /** One version of the state types and the descriptors of the states that hold them. */
  public static final class Version {
    final Class<?> item;
    final Class<?> tag;
    final TypeInfo<Object> itemType;
    final TypeInfo<Object> tagType;

    @SuppressWarnings("unchecked")
    public Version(String itemSource, String tagSource) {
      ClassLoader loader = ClassVersions.compile(itemSource, tagSource);
      item = ClassVersions.load(loader, "evo.Item");
      tag = ClassVersions.load(loader, "evo.Tag");
      itemType = (TypeInfo<Object>) TypeInfo.of(item);
      tagType = (TypeInfo<Object>) TypeInfo.of(tag);
    }

    Object item(Object... args) {
      return make(item, args);
    }

    Object tag(Object... args) {
      return make(tag, args);
    }

    public ValueStateDescriptor<Object> value() {
      return new ValueStateDescriptor<>("value", itemType);
    }

    ListStateDescriptor<Object> list() {
      return new ListStateDescriptor<>("list", itemType);
    }

    MapStateDescriptor<Object, Object> map() {
      return new MapStateDescriptor<>("map", tagType, itemType);
    }

    ReducingStateDescriptor<Object> reducing() {
      return new ReducingStateDescriptor<>("latest", (a, b) -> b, itemType);
    }

    AggregatingStateDescriptor<Long, Object, Object> aggregating() {
      // V1 sums into Item("agg", qty, null); after a restore only getResult is called
      return new AggregatingStateDescriptor<>(
          "sum",
          new AggregateFunction<Long, Object, Object>() {
            @Override
            public Object createAccumulator() {
              return item("agg", 0, null);
            }

            @Override
            public Object add(Long value, Object acc) {
              return item("agg", (int) get(acc, "qty") + value.intValue(), null);
            }

            @Override
            public Object getResult(Object acc) {
              return acc;
            }

            @Override
            public Object merge(Object a, Object b) {
              throw new UnsupportedOperationException();
            }
          },
          itemType);
    }

    ValueStateDescriptor<Object> window() {
      return new ValueStateDescriptor<>("window", itemType);
    }
  }

  static Object make(Class<?> c, Object... args) {
    try {
      return c.getDeclaredConstructors()[0].newInstance(args);
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <S> S window(KeyedStateBackend b, StateDescriptor<?, ?> d) {
    Object s = b.getOrCreateNamespacedState((StateDescriptor) d, TimeWindowTypeInfo.INSTANCE);
    ((NamespacedState) s).setCurrentNamespace(new TimeWindow(0, 10));
    return (S) s;
  }

  protected static byte[] snapshot(KeyedStateBackend b) throws IOException {
    MemoryDataOutput out = new MemoryDataOutput(1024);
    b.snapshot(out);
    return out.toByteArray();
  }

  /** Fills every kind of state for every key with the V1 types in {@code b}. */
  protected static void fillV1(Version v1, KeyedStateBackend b) throws Exception {
    ValueState<Object> value = b.getOrCreateState(v1.value());
    ListState<Object> list = b.getOrCreateState(v1.list());
    MapState<Object, Object> map = b.getOrCreateState(v1.map());
    ReducingState<Object> latest = b.getOrCreateState(v1.reducing());
    AggregatingState<Long, Object> sum = b.getOrCreateState(v1.aggregating());
    ValueState<Object> window = window(b, v1.window());
    for (long k = 0; k < KEYS; k++) {
      b.setCurrentKey(k);
      int q = (int) k;
      value.update(v1.item("v" + k, q, "gone"));
      list.add(v1.item("a" + k, q, null));
      list.add(v1.item("b" + k, q + 1, "gone"));
      map.put(v1.tag("t" + k), v1.item("m" + k, q, "gone"));
      map.put(v1.tag("u" + k), v1.item("n" + k, -q, null));
      latest.add(v1.item("first", 0, null));
      latest.add(v1.item("r" + k, q, "gone"));
      sum.add(k);
      sum.add(1L);
      window.update(v1.item("w" + k, q, "gone"));
    }
  }

  /** A snapshot of {@link #fillV1} written by {@code b}. */
  protected static byte[] writeV1(Version v1, KeyedStateBackend b) throws Exception {
    fillV1(v1, b);
    return snapshot(b);
  }

  /** Checks the V2 values of every key {@code backends} own, as an independent model says. */
  protected static void checkV2(Version v2, List<KeyedStateBackend> backends) throws Exception {
    int seen = 0;
    for (KeyedStateBackend b : backends) {
      ValueState<Object> value = b.getOrCreateState(v2.value());
      ListState<Object> list = b.getOrCreateState(v2.list());
      MapState<Object, Object> map = b.getOrCreateState(v2.map());
      ReducingState<Object> latest = b.getOrCreateState(v2.reducing());
      AggregatingState<Long, Object> sum = b.getOrCreateState(v2.aggregating());
      ValueState<Object> window = window(b, v2.window());
      for (long k = 0; k < KEYS; k++) {
        if (!b.keyGroupRange().contains(KeyGroups.assignToKeyGroup(k, MAX_P))) {
          continue;
        }
        seen++;
        b.setCurrentKey(k);
        // V2 is Item(String note, long qty, String sku): note is new, obsolete is gone
        assertThat(value.value()).isEqualTo(v2.item(null, k, "v" + k));
        List<Object> elements = new ArrayList<>();
        list.get().forEach(elements::add);
        assertThat(elements)
            .containsExactly(v2.item(null, k, "a" + k), v2.item(null, k + 1, "b" + k));
        Map<Object, Object> entries = new HashMap<>();
        map.entries().forEach(e -> entries.put(e.getKey(), e.getValue()));
        // V2 is Tag(String name, int weight): map keys evolve too and are found by equality
        assertThat(entries)
            .isEqualTo(
                Map.of(
                    v2.tag("t" + k, 0), v2.item(null, k, "m" + k),
                    v2.tag("u" + k, 0), v2.item(null, -k, "n" + k)));
        assertThat(map.get(v2.tag("t" + k, 0))).isEqualTo(v2.item(null, k, "m" + k));
        assertThat(latest.get()).isEqualTo(v2.item(null, k, "r" + k));
        assertThat(sum.get()).isEqualTo(v2.item(null, k + 1, "agg"));
        assertThat(window.value()).isEqualTo(v2.item(null, k, "w" + k));
      }
    }
    assertThat(seen).isEqualTo(KEYS);
  }

  @Test
  void everyKindOfKeyedStateMigratesOnRestoreAtAnotherParallelism() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v2 = new Version(ITEM_V2, TAG_V2);
    byte[] saved = writeV1(v1, backend(all()));
    List<KeyedStateBackend> restored = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      KeyedStateBackend b = backend(KeyGroups.rangeForOperator(MAX_P, 3, i));
      b.restore(new MemoryDataInput(saved));
      restored.add(b);
    }
    checkV2(v2, restored);

    // what the migrated states write next is V2 and restores as it is
    KeyedStateBackend again = backend(all());
    for (KeyedStateBackend b : restored) {
      again.restore(new MemoryDataInput(snapshot(b)));
    }
    checkV2(v2, List.of(again));
  }

  @Test
  void stateMigratesBetweenThisBackendAndTheHeap() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v2 = new Version(ITEM_V2, TAG_V2);
    KeyedStateBackend here = backend(all());
    here.restore(new MemoryDataInput(writeV1(v1, heap(all()))));
    checkV2(v2, List.of(here));
    KeyedStateBackend onHeap = heap(all());
    onHeap.restore(new MemoryDataInput(writeV1(v1, backend(all()))));
    checkV2(v2, List.of(onHeap));
  }

  @Test
  void stateNobodyRequestedKeepsItsOldSchemaThroughTheNextSnapshot() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v2 = new Version(ITEM_V2, TAG_V2);
    byte[] saved = writeV1(v1, backend(all()));
    // A run with V2 that requests only the value state: the other states' sections go out
    // unread, with the V1 schema, next to the value state's V2 sections.
    KeyedStateBackend between = backend(all());
    between.restore(new MemoryDataInput(saved));
    between.getOrCreateState(v2.value());
    byte[] next = snapshot(between);

    KeyedStateBackend last = backend(all());
    last.restore(new MemoryDataInput(next));
    checkV2(v2, List.of(last));
  }

  @Test
  void anIncompatibleChangeFailsNamingTheStateTheFieldAndBothTypes() throws Exception {
    Version v1 = new Version(ITEM_V1, TAG_V1);
    Version v3 = new Version(ITEM_V3, TAG_V1);
    KeyedStateBackend b = backend(all());
    b.restore(new MemoryDataInput(writeV1(v1, backend(all()))));
    // a state whose types did not change still restores
    b.setCurrentKey(3L);
    MapState<Object, Object> map =
        b.getOrCreateState(new MapStateDescriptor<>("map", v3.tagType, v1.itemType));
    assertThat(map.get(v3.tag("t3"))).isEqualTo(v1.item("m3", 3, "gone"));
    assertThatThrownBy(() -> b.getOrCreateState(v3.value()))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageStartingWith(
            "State 'value' cannot be restored: field 'qty' changed from int to String, which"
                + " cannot be converted. Its value type was Record(evo.Item){sku: String, qty:"
                + " int, obsolete: String} when the snapshot was taken and is"
                + " Record(evo.Item){note: String, qty: String, sku: String} now.");
  }

  @Test
  void aChangedKeyTypeFailsTheRestore() throws Exception {
    byte[] saved = writeV1(new Version(ITEM_V1, TAG_V1), backend(all()));
    ClassLoader keys = ClassVersions.compile("package evo; public record UserId(long id) {}");
    KeyedStateBackend b =
        track(
            newBackend(
                all(), MAX_P, Clock.system(), TypeInfo.of(ClassVersions.load(keys, "evo.UserId"))));
    assertThatThrownBy(() -> b.restore(new MemoryDataInput(saved)))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageStartingWith(
            "The key type changed from Long to Record(evo.UserId){id: long} since the snapshot was"
                + " taken. Keys cannot evolve");
  }
}
