package io.spry.benchmarks;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The heap a keyed state takes per key on the heap backend: a {@code ValueState<Long>} (a counter)
 * for {@code n} keys, each key a new object that nothing else keeps, as keys taken from records
 * are. It prints the heap used after a full collection, with the state held, less the heap used
 * before, per key; and the same for a {@code HashMap} of the same keys and values, for scale. Not a
 * JMH benchmark: it measures bytes, which do not vary between runs of one JVM.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp spry-benchmarks/target/benchmarks.jar io.spry.benchmarks.StateFootprint
 * </pre>
 */
public final class StateFootprint {
  private StateFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    for (String keyType : new String[] {"Long", "String"}) {
      long before = usedAfterGc();
      HeapKeyedStateBackend backend =
          new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);
      ValueState<Long> counts =
          backend.getOrCreateState(new ValueStateDescriptor<>("counts", Long.class));
      for (int k = 0; k < n; k++) {
        backend.setCurrentKey(key(keyType, k));
        counts.update(1_000L + k); // above Long's cache: one value object per key
      }
      long spry = usedAfterGc() - before;
      check(backend, counts, keyType, n);
      backend = null;
      counts = null;

      before = usedAfterGc();
      Map<Object, Long> map = new HashMap<>();
      for (int k = 0; k < n; k++) {
        map.put(key(keyType, k), 1_000L + k);
      }
      long hashMap = usedAfterGc() - before;
      if (map.size() != n) {
        throw new AssertionError("the map lost keys");
      }
      map = null;
      System.out.printf(
          "keys=%d key=%s value=Long: spry heap backend %.1f bytes/key, HashMap %.1f bytes/key%n",
          n, keyType, (double) spry / n, (double) hashMap / n);
    }
  }

  private static Object key(String type, int k) {
    return type.equals("Long") ? (Object) Long.valueOf(1_000_000_000L + k) : "key-" + k;
  }

  /** Every key reads back its value: the measured state is the whole state. */
  private static void check(
      HeapKeyedStateBackend backend, ValueState<Long> counts, String keyType, int n)
      throws Exception {
    for (int k = 0; k < n; k += 997) {
      backend.setCurrentKey(key(keyType, k));
      if (counts.value() != 1_000L + k) {
        throw new AssertionError("key " + k + " has " + counts.value());
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // a few rounds: the last ones find nothing more to free
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
