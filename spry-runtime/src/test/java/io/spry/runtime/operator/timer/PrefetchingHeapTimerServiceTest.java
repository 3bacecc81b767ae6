package io.spry.runtime.operator.timer;

import static org.assertj.core.api.Assertions.assertThat;

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
  void theBackendPrefetchesForTimers() throws Exception {
    assertThat(backends(2)).allMatch(KeyedStateBackend::prefetchesForTimers);
    assertThat(heapBackends(1)).noneMatch(KeyedStateBackend::prefetchesForTimers);
  }
}
