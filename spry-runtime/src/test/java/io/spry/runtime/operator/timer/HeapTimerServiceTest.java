package io.spry.runtime.operator.timer;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;

/** The timer service suite on the heap backend (timers in the service's heap queues). */
class HeapTimerServiceTest extends TimerServiceTestSuite {
  @Override
  protected KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, TypeInfo<?> keyType) {
    return new HeapKeyedStateBackend(range, maxParallelism, Clock.system(), keyType);
  }
}
