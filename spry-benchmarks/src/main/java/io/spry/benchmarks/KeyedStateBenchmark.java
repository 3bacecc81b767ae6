package io.spry.benchmarks;

import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A keyed value read and written per record on the heap backend, as a counter per key does: set the
 * key, read the value, write it back plus one. One operation is one record. The keys are {@code
 * Long}s made once, visited in a random order fixed at setup, so the figure is the lookup with as
 * many cache misses as the number of keys brings. {@code setKeyOnly} only sets the key (hash, key
 * group, range check); {@code spryPrefetched} is {@code spry} in batches that the backend
 * prefetches first, as a task does when the state is large. {@code hashMap} does the same with a
 * {@code HashMap<Long, long[]>}: the price of a plain Java map, for scale (it has no key groups, no
 * copy-on-write for snapshots and one column per map). Random order over a million keys is the
 * worst case: a job's records mostly meet keys that are in the cache.
 *
 * <pre>
 * java -jar spry-benchmarks/target/benchmarks.jar KeyedStateBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyedStateBenchmark {
  /** Distinct keys. */
  @Param({"1000", "100000", "1000000"})
  public int keys;

  private static final int ORDER = 1 << 20;

  private HeapKeyedStateBackend backend;
  private ValueState<long[]> counts;
  private HashMap<Long, long[]> map;
  private Long[] order;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    backend = new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);
    counts = backend.getOrCreateState(new ValueStateDescriptor<>("counts", long[].class));
    map = new HashMap<>();
    Long[] keyObjects = new Long[keys];
    for (int k = 0; k < keys; k++) {
      keyObjects[k] = 1000L + k;
      backend.setCurrentKey(keyObjects[k]);
      counts.update(new long[1]);
      map.put(keyObjects[k], new long[1]);
    }
    SplittableRandom random = new SplittableRandom(42);
    order = new Long[ORDER];
    for (int i = 0; i < ORDER; i++) {
      order[i] = keyObjects[random.nextInt(keys)];
    }
  }

  @Benchmark
  public long spry() throws Exception {
    Long key = order[next++ & (ORDER - 1)];
    backend.setCurrentKey(key);
    long[] c = counts.value();
    c[0]++;
    return c[0];
  }

  /** Records a task's prefetch covers ({@code StreamTasklet}'s batch). */
  static final int BATCH = 16;

  private final Object[] batch = new Object[BATCH];

  /**
   * As {@link #spry}, in batches of {@link #BATCH} records whose keys' state the backend first
   * prefetches, as a task does with a large state: the batch's cache misses overlap.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long spryPrefetched() throws Exception {
    int first = next;
    for (int j = 0; j < BATCH; j++) {
      batch[j] = order[(first + j) & (ORDER - 1)];
    }
    backend.prefetch(batch, BATCH);
    long sum = 0;
    for (int j = 0; j < BATCH; j++) {
      backend.setCurrentKey(batch[j]);
      long[] c = counts.value();
      c[0]++;
      sum += c[0];
    }
    next = first + BATCH;
    return sum;
  }

  @Benchmark
  public Object setKeyOnly() throws Exception {
    Long key = order[next++ & (ORDER - 1)];
    backend.setCurrentKey(key);
    return backend.getCurrentKey();
  }

  @Benchmark
  public long hashMap() {
    Long key = order[next++ & (ORDER - 1)];
    long[] c = map.get(key);
    c[0]++;
    return c[0];
  }
}
