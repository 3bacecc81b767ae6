package io.spry.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.runtime.state.KeyGroups;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps about three times the heap's size of state in RocksDB and reads every value back. Surefire
 * runs this class alone in a JVM with {@code -Xmx64m} (see the module's pom), so the state cannot
 * be on the heap.
 */
class LargeStateTest {
  static final int VALUE_BYTES = 1024;

  @TempDir Path dir;

  /** A key's value: incompressible bytes that depend on the key only. */
  static byte[] valueOf(long key, byte[] into) {
    new SplittableRandom(key * 0x9E3779B97F4A7C15L).nextBytes(into);
    return into;
  }

  @Test
  void stateThreeTimesTheHeapIsWrittenAndReadBack() throws Exception {
    long heap = Runtime.getRuntime().maxMemory();
    // Run by the pom's large-state execution (-Xmx64m); in a big JVM it would take too long.
    Assumptions.assumeTrue(heap <= 256L << 20, "needs a small heap: see the large-state execution");
    long keys = 3 * heap / VALUE_BYTES;
    TypeInfo<byte[]> bytes = Types.PRIMITIVE_ARRAY(byte.class);
    try (RocksDBKeyedStateBackend b =
        new RocksDBKeyedStateBackend(
            KeyGroups.rangeForOperator(128, 1, 0), 128, Clock.system(), Types.LONG, dir)) {
      ValueState<byte[]> s = b.getOrCreateState(new ValueStateDescriptor<>("blob", bytes));
      byte[] value = new byte[VALUE_BYTES];
      for (long k = 0; k < keys; k++) {
        b.setCurrentKey(k);
        s.update(valueOf(k, value));
      }
      byte[] expected = new byte[VALUE_BYTES];
      long matched = 0;
      for (long k = 0; k < keys; k++) {
        b.setCurrentKey(k);
        if (Arrays.equals(s.value(), valueOf(k, expected))) {
          matched++;
        }
      }
      assertThat(matched).isEqualTo(keys);
      assertThat(keys * VALUE_BYTES).isGreaterThan(2 * heap);
    }
  }
}
