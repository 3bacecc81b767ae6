package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.NamespacedState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  private final HeapKeyedStateBackend backend =
      new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);

  @Test
  void valuesFollowTheCurrentKey() throws Exception {
    ValueState<String> s = backend.getOrCreateState(new ValueStateDescriptor<>("v", String.class));
    backend.setCurrentKey("a");
    s.update("A");
    backend.setCurrentKey("b");
    assertThat(s.value()).isNull();
    s.update("B");
    backend.setCurrentKey("a");
    assertThat(s.value()).isEqualTo("A");
    s.clear();
    assertThat(backend.numKeys("v")).isEqualTo(1);
  }

  @Test
  void namespacedStateKeepsWindowsApartAndMerges() throws Exception {
    ReducingState<Long> sum =
        backend.getOrCreateNamespacedState(
            new ReducingStateDescriptor<>("sum", Long::sum, Long.class), Types.STRING);
    NamespacedState ns = (NamespacedState) sum;
    backend.setCurrentKey("k");
    ns.setCurrentNamespace("w1");
    sum.add(1L);
    sum.add(2L);
    ns.setCurrentNamespace("w2");
    sum.add(10L);
    ns.setCurrentNamespace("w3");
    sum.add(100L);
    assertThat(backend.numNamespacedEntries("sum")).isEqualTo(3);
    ns.mergeNamespaces("w1", List.of("w2", "w3"));
    ns.setCurrentNamespace("w1");
    assertThat(sum.get()).isEqualTo(113L);
    ns.setCurrentNamespace("w2");
    assertThat(sum.get()).isNull();
    assertThat(backend.numNamespacedEntries("sum")).isEqualTo(1);
    ns.setCurrentNamespace("w1");
    sum.clear();
    assertThat(backend.numNamespacedEntries("sum")).isZero();
    assertThat(backend.numKeys("sum")).isZero();
  }

  @Test
  void listStatesMergeByConcatenation() throws Exception {
    ListState<Integer> l =
        backend.getOrCreateNamespacedState(
            new ListStateDescriptor<>("l", Integer.class), Types.INT);
    NamespacedState ns = (NamespacedState) l;
    backend.setCurrentKey(7);
    ns.setCurrentNamespace(1);
    l.add(1);
    ns.setCurrentNamespace(2);
    l.add(2);
    ns.mergeNamespaces(1, List.of(2));
    ns.setCurrentNamespace(1);
    assertThat(l.get()).containsExactly(1, 2);
  }

  @Test
  void theSameNameWithAnotherKindIsAnError() {
    backend.getOrCreateState(new ValueStateDescriptor<>("x", String.class));
    assertThatThrownBy(() -> backend.getOrCreateState(new ListStateDescriptor<>("x", String.class)))
        .hasMessageContaining("different name");
  }

  @Test
  void aKeyOfAnotherSubtaskIsRejected() {
    HeapKeyedStateBackend half =
        new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 2, 0), 128);
    Object foreign = null;
    for (int i = 0; foreign == null; i++) {
      if (KeyGroups.assignToKeyGroup(i, 128) >= 64) {
        foreign = i;
      }
    }
    Object key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key)).hasMessageContaining("does not own");
  }

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
}
