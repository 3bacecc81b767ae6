package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.AggregateFunction;
import java.util.Objects;

/**
 * The second half of a pre-aggregated {@code windowAll}: its input records are partial accumulators
 * of the user's aggregate function, which it merges with {@code merge}.
 *
 * @param <ACC> the user's accumulator type
 * @param <V> the user's result type
 */
@Internal
public final class MergeAccumulators<ACC, V> implements AggregateFunction<ACC, ACC, V> {
  private static final long serialVersionUID = 1L;

  private final AggregateFunction<?, ACC, V> function;

  public MergeAccumulators(AggregateFunction<?, ACC, V> function) {
    this.function = Objects.requireNonNull(function, "function");
  }

  @Override
  public ACC createAccumulator() {
    return function.createAccumulator();
  }

  @Override
  public ACC add(ACC partial, ACC accumulator) {
    return merge(accumulator, partial);
  }

  @Override
  public V getResult(ACC accumulator) {
    return function.getResult(accumulator);
  }

  @Override
  public ACC merge(ACC a, ACC b) {
    ACC merged;
    try {
      merged = function.merge(a, b);
    } catch (UnsupportedOperationException e) {
      throw new UnsupportedOperationException(notMergeable("does not implement merge"), e);
    }
    if (merged == null) {
      throw new IllegalStateException(notMergeable("returned null from merge"));
    }
    return merged;
  }

  private String notMergeable(String what) {
    return "The aggregate function "
        + function
        + " of a windowAll "
        + what
        + ". windowAll aggregates each parallel subtask's records first and merges those"
        + " accumulators in its single window subtask with merge(windowAccumulator,"
        + " partialAccumulator): implement merge (it may change and return its first argument, it"
        + " must not change its second)";
  }

  @Override
  public String toString() {
    return function.toString();
  }
}
