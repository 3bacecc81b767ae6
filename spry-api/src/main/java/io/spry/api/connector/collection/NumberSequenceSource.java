package io.spry.api.connector.collection;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers from {@code from} to {@code to}, both inclusive, in ascending order within each
 * split: a bounded source read in parallel.
 *
 * <p>The enumerator cuts the range into as many contiguous {@link NumberSequenceSplit splits} as
 * the source has subtasks (fewer if the range is shorter) and hands them out one per request, so a
 * fast reader may read more than one. Any range of {@code long}s works, including the whole of it:
 * the arithmetic never overflows. Each split's position is the next number, so a restored reader
 * continues where the checkpoint left off.
 */
@Public
public final class NumberSequenceSource implements Source<Long, NumberSequenceSplit> {
  private static final long serialVersionUID = 1L;

  private final long from;
  private final long to;

  /**
   * @throws IllegalArgumentException if {@code from > to}
   */
  public NumberSequenceSource(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException(
          "NumberSequenceSource: from (" + from + ") must not be greater than to (" + to + ")");
    }
    this.from = from;
    this.to = to;
  }

  public long getFrom() {
    return from;
  }

  public long getTo() {
    return to;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context) {
    return new StaticSplitEnumerator<>(
        context, split(from, to, context.currentParallelism()), StaticSplitEnumerator.ANY_SUBTASK);
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context, byte[] state)
      throws java.io.IOException {
    return new StaticSplitEnumerator<>(
        context,
        io.spry.api.connector.source.SplitCodec.read(state, context.splitSerializer()).splits(),
        StaticSplitEnumerator.ANY_SUBTASK);
  }

  @Override
  public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
    return new Reader(context);
  }

  @Override
  public TypeInfo<Long> getProducedType() {
    return TypeInfo.of(Long.class);
  }

  /**
   * Cuts {@code [from, to]} into {@code min(n, size)} contiguous, non-empty splits whose sizes
   * differ by at most one, in ascending order. Exact for any range (the whole {@code long} range
   * has 2^64 numbers, one more than a {@code long} can count).
   */
  static List<NumberSequenceSplit> split(long from, long to, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("The number of splits must be positive: " + n);
    }
    BigInteger start = BigInteger.valueOf(from);
    BigInteger size = BigInteger.valueOf(to).subtract(start).add(BigInteger.ONE);
    int count = size.min(BigInteger.valueOf(n)).intValueExact();
    BigInteger splits = BigInteger.valueOf(count);
    List<NumberSequenceSplit> result = new ArrayList<>(count);
    long first = from;
    for (int i = 1; i <= count; i++) {
      // The split ends just before from + floor(size * i / count).
      long last =
          start
              .add(size.multiply(BigInteger.valueOf(i)).divide(splits))
              .subtract(BigInteger.ONE)
              .longValueExact();
      result.add(new NumberSequenceSplit(Integer.toString(i - 1), first, last));
      first = last + 1; // overflows only after the last split, where it is not used
    }
    return result;
  }

  /** Emits each split's numbers, never stepping past its last one. */
  private static final class Reader extends SplitQueueReader<Long, NumberSequenceSplit> {
    private String splitId;
    private long next;
    private long last;

    Reader(SourceReaderContext context) {
      super(context);
    }

    @Override
    void open(NumberSequenceSplit split) {
      splitId = split.splitId();
      next = split.next();
      last = split.last();
    }

    @Override
    boolean emit(io.spry.api.connector.source.SourceOutput<Long> output, int max) {
      for (int i = 0; i < max; i++) {
        long value = next;
        output.collect(value);
        if (value == last) {
          return true;
        }
        next = value + 1;
      }
      return false;
    }

    @Override
    NumberSequenceSplit currentPosition() {
      return new NumberSequenceSplit(splitId, next, last);
    }
  }
}
