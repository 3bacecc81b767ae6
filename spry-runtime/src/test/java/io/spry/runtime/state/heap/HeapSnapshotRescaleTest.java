package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.spry.api.types.Types;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.NamespacedState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Keyed state written by the backends of one parallelism and restored by those of another: every
 * key's values come back, in the subtask that owns its key group.
 */
class HeapSnapshotRescaleTest {
  static final int MAX_P = 128;

  static ValueStateDescriptor<Long> value() {
    return new ValueStateDescriptor<>("value", Long.class);
  }

  static ListStateDescriptor<String> list() {
    return new ListStateDescriptor<>("list", String.class);
  }

  static MapStateDescriptor<String, Long> map() {
    return new MapStateDescriptor<>("map", Types.STRING, Types.LONG);
  }

  static ReducingStateDescriptor<Long> sum() {
    return new ReducingStateDescriptor<>("sum", Long::sum, Long.class);
  }

  static ReducingStateDescriptor<Long> windowSum() {
    return new ReducingStateDescriptor<>("window-sum", Long::sum, Long.class);
  }

  static MapStateDescriptor<String, Long> windowMap() {
    return new MapStateDescriptor<>("window-map", Types.STRING, Types.LONG);
  }

  /** A namespaced state of a key, scoped to a window. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <S> S inWindow(HeapKeyedStateBackend b, StateDescriptor<?, ?> d, long start) {
    Object s = b.getOrCreateNamespacedState((StateDescriptor) d, TimeWindowTypeInfo.INSTANCE);
    ((NamespacedState) s).setCurrentNamespace(new TimeWindow(start, start + 10));
    return (S) s;
  }

  private static List<HeapKeyedStateBackend> backends(int p) {
    List<HeapKeyedStateBackend> out = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      out.add(
          new HeapKeyedStateBackend(
              KeyGroups.rangeForOperator(MAX_P, p, i), MAX_P, Clock.system(), Types.LONG));
    }
    return out;
  }

  private static HeapKeyedStateBackend owner(List<HeapKeyedStateBackend> bs, long key) {
    int kg = KeyGroups.assignToKeyGroup(key, MAX_P);
    return bs.get(KeyGroups.operatorIndexForKeyGroup(MAX_P, bs.size(), kg));
  }

  private static void fill(List<HeapKeyedStateBackend> bs, int keys) throws Exception {
    for (long k = 0; k < keys; k++) {
      HeapKeyedStateBackend b = owner(bs, k);
      b.setCurrentKey(k);
      b.getOrCreateState(value()).update(k * 10);
      ListState<String> l = b.getOrCreateState(list());
      for (long i = 0; i <= k % 3; i++) {
        l.add("e" + k + "." + i);
      }
      b.getOrCreateState(map()).put("m" + (k % 4), k);
      ReducingState<Long> s = b.getOrCreateState(sum());
      s.add(k);
      s.add(1L);
      for (long w = 0; w <= k % 3; w++) {
        ReducingState<Long> ws = inWindow(b, windowSum(), w * 10);
        ws.add(k + w);
        MapState<String, Long> wm = inWindow(b, windowMap(), w * 10);
        wm.put("a", w);
        wm.put("b" + k, k);
      }
    }
  }

  private static List<byte[]> snapshot(List<HeapKeyedStateBackend> bs) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (HeapKeyedStateBackend b : bs) {
      MemoryDataOutput o = new MemoryDataOutput();
      b.snapshot(o);
      out.add(o.toByteArray());
    }
    return out;
  }

  private static void restore(List<HeapKeyedStateBackend> bs, List<byte[]> snapshots)
      throws IOException {
    for (HeapKeyedStateBackend b : bs) {
      for (byte[] s : snapshots) {
        b.restore(new MemoryDataInput(s));
      }
    }
  }

  private static void check(List<HeapKeyedStateBackend> bs, int keys) throws Exception {
    for (long k = 0; k < keys; k++) {
      HeapKeyedStateBackend b = owner(bs, k);
      b.setCurrentKey(k);
      assertThat(b.getOrCreateState(value()).value()).isEqualTo(k * 10);
      List<String> expectedList = new ArrayList<>();
      for (long i = 0; i <= k % 3; i++) {
        expectedList.add("e" + k + "." + i);
      }
      assertThat(b.getOrCreateState(list()).get()).containsExactlyElementsOf(expectedList);
      MapState<String, Long> m = b.getOrCreateState(map());
      Map<String, Long> actualMap = new HashMap<>();
      for (Map.Entry<String, Long> e : m.entries()) {
        actualMap.put(e.getKey(), e.getValue());
      }
      assertThat(actualMap).isEqualTo(Map.of("m" + (k % 4), k));
      assertThat(b.getOrCreateState(sum()).get()).isEqualTo(k + 1);
      for (long w = 0; w < 4; w++) {
        ReducingState<Long> ws = inWindow(b, windowSum(), w * 10);
        MapState<String, Long> wm = inWindow(b, windowMap(), w * 10);
        Map<String, Long> windowMap = new HashMap<>();
        wm.entries().forEach(e -> windowMap.put(e.getKey(), e.getValue()));
        if (w <= k % 3) {
          assertThat(ws.get()).isEqualTo(k + w);
          assertThat(windowMap).isEqualTo(Map.of("a", w, "b" + k, k));
        } else {
          assertThat(ws.get()).isNull();
          assertThat(windowMap).isEmpty();
        }
      }
    }
    int windows = 0;
    for (HeapKeyedStateBackend b : bs) {
      windows += b.numNamespacedEntries("window-sum");
    }
    assertThat(windows)
        .isEqualTo((int) java.util.stream.LongStream.range(0, keys).map(k -> k % 3 + 1).sum());
    int total = 0;
    for (HeapKeyedStateBackend b : bs) {
      total += b.numKeys("value");
    }
    assertThat(total).isEqualTo(keys);
  }

  @Property(tries = 30)
  void restoresAtAnyParallelism(
      @ForAll @IntRange(min = 1, max = 8) int from,
      @ForAll @IntRange(min = 1, max = 8) int to,
      @ForAll @IntRange(min = 0, max = 300) int keys)
      throws Exception {
    List<HeapKeyedStateBackend> before = backends(from);
    fill(before, keys);
    List<byte[]> snapshots = snapshot(before);
    List<HeapKeyedStateBackend> after = backends(to);
    restore(after, snapshots);
    check(after, keys);
  }

  @Example
  void twoToFourToOne() throws Exception {
    List<HeapKeyedStateBackend> two = backends(2);
    fill(two, 1000);
    List<HeapKeyedStateBackend> four = backends(4);
    restore(four, snapshot(two));
    check(four, 1000);
    List<HeapKeyedStateBackend> one = backends(1);
    restore(one, snapshot(four));
    check(one, 1000);
  }

  @Example
  void expiredValuesAreLeftOutOfSnapshotsAndTimestampsSurvive() throws Exception {
    AtomicLong now = new AtomicLong(1_000);
    Clock clock =
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
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("ttl", String.class);
    d.enableTimeToLive(
        StateTtlConfig.newBuilder(Duration.ofSeconds(10)).cleanupIncrementally(0).build());
    HeapKeyedStateBackend b =
        new HeapKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0), MAX_P, clock, Types.STRING);
    ValueState<String> s = b.getOrCreateState(d);
    b.setCurrentKey("old");
    s.update("x");
    now.addAndGet(6_000);
    b.setCurrentKey("young");
    s.update("y");
    now.addAndGet(5_000); // old: 11 s, expired; young: 5 s
    MemoryDataOutput out = new MemoryDataOutput();
    b.snapshot(out);
    HeapKeyedStateBackend restored =
        new HeapKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0), MAX_P, clock, Types.STRING);
    restored.restore(new MemoryDataInput(out.toByteArray()));
    ValueState<String> r = restored.getOrCreateState(d);
    assertThat(restored.numKeys("ttl")).isEqualTo(1);
    restored.setCurrentKey("young");
    assertThat(r.value()).isEqualTo("y");
    now.addAndGet(5_000); // young was written 10 s ago: its timestamp came back with it
    assertThat(r.value()).isNull();
  }

  @Example
  void aStateRestoredAsAnotherKindIsAClearError() throws Exception {
    List<HeapKeyedStateBackend> one = backends(1);
    fill(one, 10);
    List<byte[]> snapshots = snapshot(one);
    HeapKeyedStateBackend b = backends(1).get(0);
    b.restore(new MemoryDataInput(snapshots.get(0)));
    assertThatThrownBy(() -> b.getOrCreateState(new ListStateDescriptor<>("value", Long.class)))
        .hasMessageContaining("'value'")
        .hasMessageContaining("VALUE")
        .hasMessageContaining("LIST");
  }

  @Example
  void restoredStatesNotYetRequestedSurviveTheNextSnapshot() throws Exception {
    List<HeapKeyedStateBackend> two = backends(2);
    fill(two, 300);
    List<HeapKeyedStateBackend> middle = backends(3);
    restore(middle, snapshot(two));
    // request only one of the four states before snapshotting again
    for (HeapKeyedStateBackend b : middle) {
      b.getOrCreateState(value());
    }
    List<HeapKeyedStateBackend> last = backends(2);
    restore(last, snapshot(middle));
    check(last, 300);
  }

  @Example
  void aSnapshotOfAnotherVersionIsAClearError() {
    HeapKeyedStateBackend b = backends(1).get(0);
    assertThatThrownBy(
            () ->
                b.restore(
                    new MemoryDataInput(
                        new byte[] {0x53, 0x50, 0x52, 0x59, 0, 0, 0, 1, 0, 0, 0, 0})))
        .hasMessageContaining("version 1 is not supported");
  }

  @Example
  void garbageIsRejected() {
    HeapKeyedStateBackend b = backends(1).get(0);
    assertThatThrownBy(
            () -> b.restore(new MemoryDataInput(new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 0, 0, 0, 0})))
        .hasMessageContaining("Not a Spry keyed-state snapshot");
  }
}
