package io.spry.runtime.state.heap;

import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackendFactory;
import java.nio.file.Path;

/** {@code "heap"}, the default: state as objects on the heap. Keeps no files. */
public final class HeapKeyedStateBackendFactory implements KeyedStateBackendFactory {
  public static final String NAME = "heap";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KeyedStateBackend create(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingDirectory) {
    return new HeapKeyedStateBackend(range, maxParallelism, clock, keyType);
  }
}
