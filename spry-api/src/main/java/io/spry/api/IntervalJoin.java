package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.ProcessJoinFunction;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.IntervalJoinSpec;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.TwoInputTransformation;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * An interval join of two keyed streams in event time: {@code left.keyBy(..).intervalJoin(
 * right.keyBy(..)).between(lower, upper).process(fn)} pairs a left element at {@code t1} with every
 * right element of the same key at {@code t2} where {@code t1 + lower <= t2 <= t1 + upper}. Both
 * bounds are inclusive unless made exclusive. Elements are kept until the watermark passes the last
 * time they could match; elements that arrive behind the watermark are late and dropped (and
 * counted in the counter {@code numLateRecordsDropped}).
 */
@Public
public final class IntervalJoin<T1, T2, K> {
  private final StreamEnvironment env;
  private final KeyedStream<T1, K> left;
  private final KeyedStream<T2, K> right;

  IntervalJoin(StreamEnvironment env, KeyedStream<T1, K> left, KeyedStream<T2, K> right) {
    this.env = env;
    this.left = left;
    this.right = right;
  }

  /** Joins right elements from {@code lower} to {@code upper} relative to each left element. */
  public Bounded between(Duration lower, Duration upper) {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    if (lower.compareTo(upper) > 0) {
      throw new IllegalArgumentException(
          "intervalJoin(...).between("
              + lower
              + ", "
              + upper
              + ") at "
              + CallSite.capture()
              + ": the lower bound must not be greater than the upper bound");
    }
    return new Bounded(lower.toMillis(), upper.toMillis(), true, true);
  }

  /** An interval join with its bounds. */
  public final class Bounded {
    private final long lower;
    private final long upper;
    private final boolean lowerInclusive;
    private final boolean upperInclusive;

    private Bounded(long lower, long upper, boolean lowerInclusive, boolean upperInclusive) {
      this.lower = lower;
      this.upper = upper;
      this.lowerInclusive = lowerInclusive;
      this.upperInclusive = upperInclusive;
    }

    /** Excludes right elements exactly at the lower bound. */
    public Bounded lowerBoundExclusive() {
      return new Bounded(lower, upper, false, upperInclusive);
    }

    /** Excludes right elements exactly at the upper bound. */
    public Bounded upperBoundExclusive() {
      return new Bounded(lower, upper, lowerInclusive, false);
    }

    public <OUT> SingleOutputStream<OUT> process(ProcessJoinFunction<T1, T2, OUT> function) {
      String site = CallSite.capture();
      TypeInfo<OUT> out =
          TypeExtractor.outputType(
              function,
              ProcessJoinFunction.class,
              2,
              new TypeInfo<?>[] {left.getType(), right.getType()},
              "the output of intervalJoin at " + site);
      return process(function, out, site);
    }

    public <OUT> SingleOutputStream<OUT> process(
        ProcessJoinFunction<T1, T2, OUT> function, TypeInfo<OUT> outputType) {
      return process(function, outputType, CallSite.capture());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <OUT> SingleOutputStream<OUT> process(
        ProcessJoinFunction<T1, T2, OUT> function, TypeInfo<OUT> outputType, String site) {
      Objects.requireNonNull(function, "function");
      TypeInfo<K> k1 = left.getKeyType();
      TypeInfo<K> k2 = right.getKeyType();
      if (k1.isComplete() && k2.isComplete() && !k1.getTypeClass().equals(k2.getTypeClass())) {
        throw new InvalidTypesException(
            "intervalJoin at "
                + site
                + ": the two streams are keyed by different types ("
                + k1.getTypeClass().getName()
                + " and "
                + k2.getTypeClass().getName()
                + ")");
      }
      TwoInputTransformation<T1, T2, OUT> t =
          new TwoInputTransformation<>(
              env.nextId(),
              OperatorKind.INTERVAL_JOIN.defaultName(),
              left.getTransformation(),
              right.getTransformation(),
              OperatorKind.INTERVAL_JOIN,
              new IntervalJoinSpec(function, lower, upper, lowerInclusive, upperInclusive),
              outputType,
              (KeySelector) left.getKeySelector(),
              (KeySelector) right.getKeySelector(),
              k1,
              site);
      env.register(t);
      return new SingleOutputStream<>(env, t);
    }
  }
}
