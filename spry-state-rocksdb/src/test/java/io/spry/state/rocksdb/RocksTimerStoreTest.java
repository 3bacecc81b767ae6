package io.spry.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB timer store's own shortcuts: the memo that answers re-registrations from the encoding
 * buffer (rows that share a slot, rows shorter than the buffer's last contents, rows deleted and
 * registered again), and the current key a firing timer sets from its row's bytes (the state read
 * in the timer is the state written under the key, for several key types).
 */
class RocksTimerStoreTest {
  private static final int MAX_P = 128;

  @TempDir Path dir;

  private final List<KeyedStateBackend> created = new ArrayList<>();

  @AfterEach
  void closeBackends() {
    created.forEach(KeyedStateBackend::close);
  }

  private RocksDBKeyedStateBackend backend(TypeInfo<?> keyType) throws Exception {
    RocksDBKeyedStateBackend b =
        new RocksDBKeyedStateBackend(
            KeyGroups.rangeForOperator(MAX_P, 1, 0),
            MAX_P,
            Clock.system(),
            keyType,
            dir,
            TimerStorage.ROCKSDB,
            4);
    created.add(b);
    return b;
  }

  /** Records (key, namespace, timestamp) of each firing, and checks the key context. */
  private static final class Fired implements TimerService.Triggerable<String> {
    final KeyedStateBackend backend;
    final List<String> fired = new ArrayList<>();

    Fired(KeyedStateBackend backend) {
      this.backend = backend;
    }

    @Override
    public void onEventTime(Timer<Object, String> t) {
      assertThat(backend.getCurrentKey()).isEqualTo(t.key());
      fired.add(t.key() + "/" + t.namespace() + "@" + t.timestamp());
    }

    @Override
    public void onProcessingTime(Timer<Object, String> t) {
      onEventTime(t);
    }
  }

  /** Two namespaces whose rows for the current key at {@code time} share a memo slot. */
  private static String[] collidingNamespaces(RocksTimerStore<String> store, long time) {
    Map<Integer, String> bySlot = new HashMap<>();
    for (int i = 0; ; i++) {
      String ns = "window-" + i;
      String other = bySlot.putIfAbsent(store.memoSlot(0, time, ns), ns);
      if (other != null) {
        return new String[] {other, ns};
      }
    }
  }

  @Test
  void rowsSharingAMemoSlotAreEachStoredOnce() throws Exception {
    RocksDBKeyedStateBackend b = backend(Types.LONG);
    Fired f = new Fired(b);
    TimerService<String> s = new TimerService<>(b, "timers", Types.STRING, f);
    b.setCurrentKey(7L);
    @SuppressWarnings("unchecked")
    RocksTimerStore<String> store = (RocksTimerStore<String>) b.timerStore("timers");
    String[] ns = collidingNamespaces(store, 100);
    // each evicts the other from the memo, so every registration after the first two misses it
    for (int i = 0; i < 5; i++) {
      s.registerEventTimeTimer(ns[0], 100);
      s.registerEventTimeTimer(ns[1], 100);
    }
    assertThat(s.numEventTimeTimers()).isEqualTo(2);
    s.deleteEventTimeTimer(ns[0], 100);
    s.registerEventTimeTimer(ns[1], 100); // in the memo or not, still one
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(f.fired).containsExactly("7/" + ns[1] + "@100");
  }

  @Test
  void aShortRowAfterALongOneIsComparedByItsOwnLength() throws Exception {
    RocksDBKeyedStateBackend b = backend(Types.LONG);
    Fired f = new Fired(b);
    TimerService<String> s = new TimerService<>(b, "timers", Types.STRING, f);
    b.setCurrentKey(7L);
    s.registerEventTimeTimer("w", 100);
    // the encoding buffer now holds a longer row: "w"'s row must be compared by its own length
    s.registerEventTimeTimer("w".repeat(200), 100);
    s.registerEventTimeTimer("w", 100); // a memo hit compared against a buffer with a longer tail
    s.registerEventTimeTimer("w".repeat(199), 100); // news: not taken for the longer one
    assertThat(s.numEventTimeTimers()).isEqualTo(3);
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(f.fired)
        .containsExactlyInAnyOrder(
            "7/w@100", "7/" + "w".repeat(200) + "@100", "7/" + "w".repeat(199) + "@100");
  }

  @Test
  void aTimerDeletedOrFiredAndRegisteredAgainIsStoredAgain() throws Exception {
    RocksDBKeyedStateBackend b = backend(Types.LONG);
    Fired f = new Fired(b);
    TimerService<String> s = new TimerService<>(b, "timers", Types.STRING, f);
    for (long k = 0; k < 300; k++) { // enough for rows past the caches of 4 per key group
      b.setCurrentKey(k);
      s.registerEventTimeTimer("w", 100 + k % 5);
      s.registerEventTimeTimer("w", 100 + k % 5); // a memo hit
      s.deleteEventTimeTimer("w", 100 + k % 5);
      s.registerEventTimeTimer("w", 100 + k % 5); // the delete took it out of the memo
    }
    assertThat(s.numEventTimeTimers()).isEqualTo(300);
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(f.fired).hasSize(300).doesNotHaveDuplicates();
    b.setCurrentKey(3L);
    s.registerEventTimeTimer("w", 100); // fired, so gone from the memo too
    f.fired.clear();
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(f.fired).containsExactly("3/w@100");
  }

  /** Keys of several types: a firing timer's key is current, with the state written under it. */
  private <K> void stateInTimersIsTheKeysState(TypeInfo<?> keyType, LongFunction<K> keyOf)
      throws Exception {
    RocksDBKeyedStateBackend b = backend(keyType);
    ValueState<Long> value = b.getOrCreateState(new ValueStateDescriptor<>("value", Types.LONG));
    Map<Object, Long> seen = new HashMap<>();
    TimerService<String> s =
        new TimerService<>(
            b,
            "timers",
            Types.STRING,
            new TimerService.Triggerable<>() {
              @Override
              public void onEventTime(Timer<Object, String> t) throws Exception {
                assertThat(b.getCurrentKey()).isEqualTo(t.key());
                assertThat(b.getCurrentKeyGroup())
                    .isEqualTo(KeyGroups.assignToKeyGroup(t.key(), MAX_P));
                seen.put(t.key(), value.value());
                value.update(value.value() + 1_000); // written under the timer's key
              }

              @Override
              public void onProcessingTime(Timer<Object, String> t) {}
            });
    for (long i = 0; i < 200; i++) {
      K key = keyOf.apply(i % 50);
      b.setCurrentKey(key);
      value.update(value.value() == null ? i % 50 : value.value() + 1);
      s.registerEventTimeTimer("w", (i % 50) % 7); // the same timer for each record of a key
    }
    s.advanceWatermark(Long.MAX_VALUE);
    assertThat(seen).hasSize(50);
    for (long k = 0; k < 50; k++) {
      K key = keyOf.apply(k);
      assertThat(seen.get(key)).as("state of %s in its timer", key).isEqualTo(k + 3);
      b.setCurrentKey(key);
      assertThat(value.value()).isEqualTo(k + 3 + 1_000);
    }
  }

  @Test
  void aFiringTimerSetsItsKeyWithItsStateForLongKeys() throws Exception {
    stateInTimersIsTheKeysState(Types.LONG, k -> 1_000_000L + k);
  }

  @Test
  void aFiringTimerSetsItsKeyWithItsStateForStringKeys() throws Exception {
    stateInTimersIsTheKeysState(Types.STRING, k -> "key-" + k);
  }

  @Test
  void aFiringTimerSetsItsKeyWithItsStateForTupleKeys() throws Exception {
    stateInTimersIsTheKeysState(
        Types.TUPLE(Types.STRING, Types.LONG), k -> Tuple2.of("key-" + (k % 7), k));
  }

  @Test
  void aFiringTimerSetsItsKeyWithItsStateForKeysSerializedByClass() throws Exception {
    stateInTimersIsTheKeysState(null, k -> k % 2 == 0 ? (Object) ("key-" + k) : (Object) k);
  }
}
