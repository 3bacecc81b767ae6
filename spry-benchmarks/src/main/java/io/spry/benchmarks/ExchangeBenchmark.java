package io.spry.benchmarks;

import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.exchange.SpscRing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.Control;

/**
 * Records per second through one local edge: a producer thread and a consumer thread around one
 * {@link SpscRing}, used as the runtime uses it (the producer publishes once per batch, the
 * consumer reads what is available, up to a batch, and releases it with one store).
 *
 * <ul>
 *   <li>{@code ring}: the bare ring.
 *   <li>{@code writer}: the producer goes through a {@link RecordWriter} with a forward selector,
 *       as an operator's output does (emit per record, flush per batch, no new batch while anything
 *       waits in overflow).
 * </ul>
 *
 * One operation is one record. Read the consumer's figure ({@code :consume}); the group's total
 * counts each record twice (once per side).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExchangeBenchmark {
  /**
   * Records per published batch: 256, the runtime's default batch size ({@code
   * JobConfig.batchSize}) when the results in benchmarks.md were taken (it is 1024 now).
   */
  static final int BATCH = 256;

  private static final Object RECORD = "record";

  /** The runtime's default queue capacity is 1024. */
  @Param({"1024"})
  int capacity;

  SpscRing ring;
  RecordWriter writer;

  @Setup(Level.Iteration)
  public void setUp() {
    // a fresh ring per iteration: a side stopped mid-batch leaves nothing behind for the next
    ring = new SpscRing(capacity, "bench");
    writer = new RecordWriter("bench", new SpscRing[] {ring}, record -> 0);
  }

  @Benchmark
  @Group("ring")
  @GroupThreads(1)
  @OperationsPerInvocation(BATCH)
  public void produce(Control control) {
    SpscRing r = ring;
    for (int i = 0; i < BATCH; ) {
      if (r.offer(RECORD, i)) {
        i++;
      } else {
        r.publish();
        if (control.stopMeasurement) {
          return;
        }
        Thread.onSpinWait();
      }
    }
    r.publish();
  }

  @Benchmark
  @Group("ring")
  @GroupThreads(1)
  @OperationsPerInvocation(BATCH)
  public long consume(Control control) {
    return drain(ring, control);
  }

  @Benchmark
  @Group("writer")
  @GroupThreads(1)
  @OperationsPerInvocation(BATCH)
  public void produceThroughWriter(Control control) throws Exception {
    RecordWriter w = writer;
    while (!w.flush()) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
    for (int i = 0; i < BATCH; i++) {
      w.emit(RECORD, i);
    }
    w.flush();
  }

  @Benchmark
  @Group("writer")
  @GroupThreads(1)
  @OperationsPerInvocation(BATCH)
  public long consumeFromWriter(Control control) {
    return drain(ring, control);
  }

  /** Reads a batch as {@code StreamTasklet} does: what is available, up to the batch. */
  private static long drain(SpscRing r, Control control) {
    long sum = 0;
    int done = 0;
    while (done < BATCH) {
      int n = r.available();
      if (n == 0) {
        if (control.stopMeasurement) {
          break;
        }
        Thread.onSpinWait();
        continue;
      }
      n = Math.min(n, BATCH - done);
      for (int i = 0; i < n; i++) {
        if (r.item(i) == null) {
          throw new IllegalStateException("a published slot is empty");
        }
        sum += r.timestamp(i);
      }
      r.release(n);
      done += n;
    }
    return sum;
  }
}
