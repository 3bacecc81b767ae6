package io.spry.runtime.operator.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import org.junit.jupiter.api.Test;

/**
 * The timer service suite on a heap backend with enough keys that the service fires event-time
 * timers in prefetched runs ({@code TimerQueue.takeDue}): the runs must not change what fires or in
 * what order, whatever the firing timers register or delete. The extra keys have state only.
 */
class PrefetchingHeapTimerServiceTest extends TimerServiceTestSuite {
  private long created;

  @Override
  protected KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) throws Exception {
    HeapKeyedStateBackend b =
        new HeapKeyedStateBackend(range, maxParallelism, Clock.system(), keyType);
    ValueState<Long> filler = b.getOrCreateState(new ValueStateDescriptor<>("filler", Long.class));
    int added = 0;
    // keys of their own per backend: a snapshot restored into this one brings other backends' keys
    for (long k = 1_000_000_000L * ++created;
        added < HeapKeyedStateBackend.PREFETCH_TIMERS_MIN_KEYS;
        k++) {
      if (range.contains(KeyGroups.assignToKeyGroup(k, maxParallelism))) {
        b.setCurrentKey(k);
        filler.update(k);
        added++;
      }
    }
    return b;
  }

  @Test
  void aTimerThatThrowsInTheMiddleOfARunLeavesTheRestRegistered() throws Exception {
    KeyedStateBackend b = backends(1).get(0);
    Recorder r = new Recorder(b);
    TimerService<String> s = service(b, r);
    r.onFire =
        t -> {
          if (t.key() == 20) {
            throw new IllegalStateException("fails at 20");
          }
        };
    for (long k = 0; k < 50; k++) {
      register(b, s, new T(0, k, k, "w"));
    }
    assertThatThrownBy(() -> s.advanceWatermark(100)).hasMessage("fails at 20");
    // 0 to 20 fired (20 threw, as it would one at a time); 21 to 49 are registered and fire next
    assertThat(s.numEventTimeTimers()).isEqualTo(29);
    r.onFire = t -> {};
    s.advanceWatermark(100);
    assertThat(r.fired.stream().map(T::key).toList())
        .isEqualTo(java.util.stream.LongStream.range(0, 50).boxed().toList());
  }

  @Test
  void theBackendPrefetchesForTimers() throws Exception {
    assertThat(backends(2)).allMatch(KeyedStateBackend::prefetchesForTimers);
    assertThat(heapBackends(1)).noneMatch(KeyedStateBackend::prefetchesForTimers);
  }
}
