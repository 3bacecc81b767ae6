package io.spry.benchmarks;

import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second of a keyed job whose state is larger than the CPU's caches: a generator of
 * {@code (key, 1)} with keys drawn by a hash of the record number from {@link #keys} keys -> keyBy
 * -> sum -> a counting sink, parallelism 2, on the heap backend. With a million keys nearly every
 * record's state access misses the cache; the task then prefetches the state of each batch of
 * records ({@code KeyedStateBackend.prefetch}). {@link #noPrefetch} is the same job with
 * prefetching turned off ({@code -Dspry.state.prefetch=false}), in its own fork, so one run shows
 * the gain.
 *
 * <pre>
 * java -jar spry-benchmarks/target/benchmarks.jar LargeStateBenchmark -p keys=1000000 -f 1 -wi 3 -i 8
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class LargeStateBenchmark {
  static final int RECORDS = 4_000_000;
  private static final TypeInfo<Tuple2<Long, Long>> TYPE = Types.TUPLE(Types.LONG, Types.LONG);

  /** Distinct keys. */
  @Param({"10000", "1000000"})
  public int keys;

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
  public long prefetch() {
    return run(keys);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dspry.state.prefetch=false"})
  public long noPrefetch() {
    return run(keys);
  }

  /** The key of record {@code i}: a hash of {@code i} (SplitMix64's finalizer), mod the keys. */
  static long key(long i, int keys) {
    long z = (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return Math.floorMod(z ^ (z >>> 31), (long) keys);
  }

  static long run(int keys) {
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    String id = UUID.randomUUID().toString();
    AtomicLong count = new AtomicLong();
    COUNTS.put(id, count);
    try {
      env.fromSource(
              new DataGeneratorSource<>(i -> Tuple2.of(key(i, keys), 1L), RECORDS, TYPE),
              WatermarkStrategy.noWatermarks(),
              "generator")
          .keyBy(t -> t.f0, Types.LONG)
          .sum(1)
          .sinkTo(new CountingSink(id));
      env.execute("large state");
      if (count.get() != RECORDS) {
        throw new IllegalStateException("expected " + RECORDS + " sums, got " + count.get());
      }
      return count.get();
    } finally {
      COUNTS.remove(id);
    }
  }

  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  /** Counts what it gets; cooperative, so it shares the workers. */
  static final class CountingSink implements Sink<Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private final String id;

    CountingSink(String id) {
      this.id = id;
    }

    @Override
    public boolean isBlocking() {
      return false;
    }

    @Override
    public SinkWriter<Tuple2<Long, Long>> createWriter(SinkContext context) {
      AtomicLong total = COUNTS.get(id);
      return new SinkWriter<>() {
        long count;

        @Override
        public void write(Tuple2<Long, Long> element, Context ctx) {
          count++;
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput && total != null) {
            total.addAndGet(count);
            count = 0;
          }
        }
      };
    }
  }
}
