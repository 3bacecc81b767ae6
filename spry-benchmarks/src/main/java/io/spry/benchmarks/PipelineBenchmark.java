package io.spry.benchmarks;

import io.spry.api.tuple.Tuple2;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second of the whole {@link Pipeline} job (generator -> map -> filter -> keyBy -> sum
 * -> discard, parallelism 2) beside a plain Java loop doing the same work. One operation is one
 * generated record: each invocation runs a bounded job (or loop) of {@link #RECORDS} records.
 *
 * <p>For allocation, run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then bytes per
 * record, over all threads (JMH counts the job's threads too, also after they exited). {@link
 * #userAllocations} is the loop with every user object forced onto the heap, so it measures the
 * user's share; {@link #engineSmall} runs jobs ten times smaller, so the difference to {@link
 * #engine} separates the per-job cost (plan, threads, rings) from the per-record cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
  static final int RECORDS = 1_000_000;
  static final int SMALL = RECORDS / 10;
  static final int PARALLELISM = 2;

  /** The job at parallelism 2: records/s. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public Pipeline.Result engine() {
    return check(Pipeline.runJob(RECORDS, PARALLELISM), RECORDS);
  }

  /** Jobs of a tenth the size: with {@link #engine}, separates per-job from per-record costs. */
  @Benchmark
  @OperationsPerInvocation(SMALL)
  public Pipeline.Result engineSmall() {
    return check(Pipeline.runJob(SMALL, PARALLELISM), SMALL);
  }

  /** The same work in a plain loop on one thread: records/s. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public Pipeline.Result loop() {
    return Pipeline.runLoop(RECORDS);
  }

  /**
   * The loop with every object the user functions make handed to a blackhole, so escape analysis
   * cannot remove it: its {@code gc.alloc.rate.norm} is what the user functions allocate per record
   * in the job (where every record crosses threads, so nothing is scalar-replaced).
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long userAllocations(Blackhole bh) {
    Map<Long, Tuple2<Long, Long>> sums = new HashMap<>();
    long count = 0;
    for (long i = 0; i < RECORDS; i++) {
      Tuple2<Long, Long> g = Pipeline.generate(i);
      bh.consume(g);
      Tuple2<Long, Long> m = Pipeline.map(g);
      bh.consume(m);
      if (Pipeline.filter(m)) {
        Tuple2<Long, Long> old = sums.get(m.f0);
        Tuple2<Long, Long> r;
        if (old == null) {
          r = m;
        } else {
          r = old.copy(); // as sum does: copy the first record, set the running sum
          r.f1 = old.f1 + m.f1;
        }
        sums.put(r.f0, r);
        bh.consume(r);
        count++;
      }
    }
    return count;
  }

  private static Pipeline.Result check(Pipeline.Result r, long records) {
    if (r.count() != records / 2) {
      throw new IllegalStateException("expected " + records / 2 + " results, got " + r);
    }
    return r;
  }
}
