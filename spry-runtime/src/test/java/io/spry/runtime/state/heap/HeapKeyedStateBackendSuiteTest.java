package io.spry.runtime.state.heap;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackendTestSuite;

/** The shared state backend suite on the heap backend. */
class HeapKeyedStateBackendSuiteTest extends KeyedStateBackendTestSuite {
  @Override
  protected KeyedStateBackend newBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) {
    return new HeapKeyedStateBackend(range, maxParallelism, clock, keyType);
  }
}
