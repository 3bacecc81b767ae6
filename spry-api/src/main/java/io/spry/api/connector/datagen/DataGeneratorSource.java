package io.spry.api.connector.datagen;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records made by a {@link GeneratorFunction} from the indices {@code 0 .. count - 1}, optionally
 * at a limited rate.
 *
 * <ul>
 *   <li><b>Count.</b> {@code count == Long.MAX_VALUE} means unbounded ({@link
 *       Boundedness#CONTINUOUS_UNBOUNDED}); any smaller count is bounded.
 *   <li><b>Splits.</b> The index space is cut into contiguous blocks, one per subtask (fewer if
 *       {@code count} is smaller), which the enumerator hands out one per request. Within a block
 *       indices ascend; across subtasks there is no order. Each {@link DataGeneratorSplit} carries
 *       the next index, so a restored reader goes on where the checkpoint left off, and every index
 *       is generated exactly once per run.
 *   <li><b>Rate.</b> {@code recordsPerSecond} is the total over all subtasks: each reader gets
 *       {@code recordsPerSecond / parallelism}. A rate {@code <= 0} or {@link
 *       Double#POSITIVE_INFINITY} means unthrottled. Throttling is cooperative: a reader never
 *       sleeps, it asks the job's {@link io.spry.api.time.Clock} how many records are due and
 *       reports {@code NOTHING_AVAILABLE} when none is.
 * </ul>
 *
 * @param <T> the records made
 */
@Public
public final class DataGeneratorSource<T> implements Source<T, DataGeneratorSplit> {
  private static final long serialVersionUID = 1L;

  /** The count of an unbounded source. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private final GeneratorFunction<T> generator;
  private final long count;
  private final double recordsPerSecond;
  private final TypeInfo<T> type;

  /** An unthrottled source of {@code count} records. */
  public DataGeneratorSource(GeneratorFunction<T> generator, long count, TypeInfo<T> type) {
    this(generator, count, Double.POSITIVE_INFINITY, type);
  }

  /**
   * A source of {@code count} records ({@link #UNBOUNDED} for no end) at {@code recordsPerSecond}
   * in total ({@code <= 0} or infinite for no limit).
   */
  public DataGeneratorSource(
      GeneratorFunction<T> generator, long count, double recordsPerSecond, TypeInfo<T> type) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.type = Objects.requireNonNull(type, "type");
    if (count < 0) {
      throw new IllegalArgumentException("DataGeneratorSource: count must be >= 0, not " + count);
    }
    if (Double.isNaN(recordsPerSecond)) {
      throw new IllegalArgumentException("DataGeneratorSource: the rate must be a number, not NaN");
    }
    this.count = count;
    this.recordsPerSecond = recordsPerSecond;
  }

  public long getCount() {
    return count;
  }

  /** True when the source emits as fast as it can. */
  public boolean isUnthrottled() {
    return recordsPerSecond <= 0 || Double.isInfinite(recordsPerSecond);
  }

  @Override
  public Boundedness getBoundedness() {
    return count == UNBOUNDED ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<DataGeneratorSplit> createEnumerator(
      SplitEnumeratorContext<DataGeneratorSplit> context) {
    return new DataGeneratorEnumerator(context, split(count, context.currentParallelism()));
  }

  @Override
  public SplitEnumerator<DataGeneratorSplit> restoreEnumerator(
      SplitEnumeratorContext<DataGeneratorSplit> context, byte[] state) throws java.io.IOException {
    return new DataGeneratorEnumerator(
        context,
        io.spry.api.connector.source.SplitCodec.read(state, context.splitSerializer()).splits());
  }

  @Override
  public SourceReader<T, DataGeneratorSplit> createReader(SourceReaderContext context) {
    RateLimiter limiter =
        isUnthrottled()
            ? null
            : new RateLimiter(context.clock(), recordsPerSecond / context.getParallelism());
    return new DataGeneratorReader<>(generator, limiter, context);
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  /**
   * Cuts {@code [0, count)} into {@code min(n, count)} contiguous blocks differing by at most 1.
   */
  static List<DataGeneratorSplit> split(long count, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("The number of splits must be positive: " + n);
    }
    if (count == 0) {
      return List.of();
    }
    int blocks = (int) Math.min(n, count);
    List<DataGeneratorSplit> result = new ArrayList<>(blocks);
    long base = count / blocks;
    long extra = count % blocks; // the first `extra` blocks get one more
    long start = 0;
    for (int i = 0; i < blocks; i++) {
      long end = start + base + (i < extra ? 1 : 0);
      result.add(new DataGeneratorSplit(Integer.toString(i), start, end));
      start = end;
    }
    return result;
  }
}
