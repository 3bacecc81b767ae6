package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.Types;
import io.spry.api.windowing.windows.TimeWindow;
import io.spry.api.windowing.windows.TimeWindowTypeInfo;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.NamespacedState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What only the heap backend does: its time-to-live cleanup in passes. The behaviour both backends
 * share is in {@code KeyedStateBackendTestSuite}.
 */
class HeapKeyedStateBackendTest {
  /** A manual clock that counts how often it is read. */
  static final class CountingClock implements io.spry.api.time.Clock {
    final AtomicLong now = new AtomicLong(1_000_000);
    long reads;

    @Override
    public long millis() {
      reads++;
      return now.get();
    }

    @Override
    public long nanos() {
      return now.get() * 1_000_000;
    }
  }

  private static ValueStateDescriptor<String> ttlValue(int cleanupPerAccess) {
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("ttl", String.class);
    d.enableTimeToLive(
        StateTtlConfig.newBuilder(Duration.ofSeconds(10))
            .cleanupIncrementally(cleanupPerAccess)
            .build());
    return d;
  }

  /**
   * Incremental cleanup runs in passes, not at every access: the clock is read once per read for
   * the value's own expiry, plus once per pass (before, every read also read it for the cleanup).
   */
  @Test
  void ttlCleanupReadsTheClockOncePerPassNotPerAccess() throws Exception {
    CountingClock clock = new CountingClock();
    HeapKeyedStateBackend b =
        new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128, clock, Types.LONG);
    ValueState<String> s = b.getOrCreateState(ttlValue(5));
    for (long k = 0; k < 100; k++) {
      b.setCurrentKey(k);
      s.update("v" + k);
    }
    long reads = clock.reads;
    int accesses = 1_600;
    for (int i = 0; i < accesses; i++) {
      b.setCurrentKey((long) (i % 100));
      assertThat(s.value()).isEqualTo("v" + (i % 100));
    }
    assertThat(clock.reads - reads).isEqualTo(accesses + accesses / HeapState.CLEANUP_EVERY);
  }

  /**
   * With cleanup in passes, a read between passes still never returns an expired value, and the
   * keys nobody reads again go within a few passes.
   */
  @Test
  void ttlReadsBetweenCleanupPassesNeverReturnExpiredValues() throws Exception {
    CountingClock clock = new CountingClock();
    HeapKeyedStateBackend b =
        new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128, clock, Types.LONG);
    ValueState<String> s = b.getOrCreateState(ttlValue(5));
    for (long k = 0; k < 300; k++) {
      b.setCurrentKey(k);
      s.update("old" + k);
    }
    clock.now.addAndGet(5_000);
    for (long k = 300; k < 310; k++) { // written later: live after the first ones expired
      b.setCurrentKey(k);
      s.update("new" + k);
    }
    clock.now.addAndGet(5_000); // keys 0..299 expire now, 300..309 in 5 s
    for (int i = 0; i < 100; i++) { // fewer accesses than a full cleanup takes: some are read
      long k = i * 3L;
      b.setCurrentKey(k);
      assertThat(s.value()).as("key %d", k).isNull();
      b.setCurrentKey(300L + i % 10);
      assertThat(s.value()).isEqualTo("new" + (300 + i % 10));
    }
    assertThat(b.numKeys("ttl")).isEqualTo(10);
  }

  /**
   * A backend asks for prefetching only from {@code PREFETCH_MIN_KEYS} keys on, and a prefetch
   * changes nothing: not the values, not the keys, whatever the batch holds (keys it has, keys it
   * has not, keys of key groups it does not own, null, a key type without a stable hash).
   */
  @Test
  void prefetchingStartsWithALargeStateAndChangesNothing() throws Exception {
    // half the key groups: some keys belong to the other subtask
    HeapKeyedStateBackend b = new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 2, 0), 128);
    ValueState<String> s = b.getOrCreateState(new ValueStateDescriptor<>("v", String.class));
    List<Long> mine = new java.util.ArrayList<>();
    List<Long> theirs = new java.util.ArrayList<>();
    for (long k = 0; mine.size() < HeapKeyedStateBackend.PREFETCH_MIN_KEYS; k++) {
      if (b.keyGroupRange().contains(KeyGroups.assignToKeyGroup(k, 128))) {
        if (mine.size() == HeapKeyedStateBackend.PREFETCH_MIN_KEYS - 1) {
          assertThat(b.prefetches()).isFalse();
        }
        b.setCurrentKey(k);
        s.update("v" + k);
        mine.add(k);
      } else if (theirs.size() < 4) {
        theirs.add(k);
      }
    }
    assertThat(b.prefetches()).isTrue();
    Object[] batch = {
      mine.get(0), mine.get(7), -1L, theirs.get(0), null, new int[] {1}, "text", mine.get(99)
    };
    b.prefetch(batch, batch.length);
    b.prefetch(batch, 3);
    assertThat(b.numKeys("v")).isEqualTo(mine.size());
    for (Long k : mine) {
      b.setCurrentKey(k);
      assertThat(s.value()).isEqualTo("v" + k);
    }
    b.setCurrentKey(-1L);
    assertThat(s.value()).isNull();
    b.setCurrentKey(mine.get(0));
    s.clear();
    assertThat(b.prefetches()).isFalse(); // one key under the threshold again
  }

  /**
   * A namespaced heap state tells whether (key, window) holds a value, per key and per window, as
   * the window operator's trigger skip relies on; a state with time to live does not claim to tell
   * cheaply.
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aNamespacedStateTellsWhetherTheCurrentKeyAndWindowHoldAValue() throws Exception {
    HeapKeyedStateBackend b = new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);
    Object handle =
        b.getOrCreateNamespacedState(
            (StateDescriptor) new ListStateDescriptor<>("contents", String.class),
            TimeWindowTypeInfo.INSTANCE);
    NamespacedState ns = (NamespacedState) handle;
    ListState<String> list = (ListState<String>) handle;
    var w1 = new TimeWindow(0, 10);
    var w2 = new TimeWindow(10, 20);
    assertThat(ns.holdsValueCheaply()).isTrue();
    b.setCurrentKey(1L);
    ns.setCurrentNamespace(w1);
    assertThat(ns.holdsValue()).isFalse();
    list.add("a");
    assertThat(ns.holdsValue()).isTrue();
    ns.setCurrentNamespace(w2);
    assertThat(ns.holdsValue()).isFalse();
    b.setCurrentKey(2L);
    ns.setCurrentNamespace(w1);
    assertThat(ns.holdsValue()).isFalse();
    b.setCurrentKey(1L);
    assertThat(ns.holdsValue()).isTrue();
    list.clear();
    assertThat(ns.holdsValue()).isFalse();

    Object ttl = b.getOrCreateState(ttlValue(5)); // window state has no TTL; any heap state could
    assertThat(((NamespacedState) ttl).holdsValueCheaply()).isFalse();
  }
}
