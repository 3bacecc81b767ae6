package io.spry.api.functions.aggregation;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.types.TypeInfo;

/**
 * The reduce function behind the rolling aggregations ({@code sum}, {@code min}, {@code max},
 * {@code minBy}, {@code maxBy}) of a keyed stream. The field is resolved when the job is built, so
 * a wrong field fails there. (Stub; the full version follows.)
 */
@Internal
public final class FieldAggregation<T> implements ReduceFunction<T> {

  /** The aggregations. */
  public enum Kind {
    SUM,
    MIN,
    MAX,
    MIN_BY,
    MAX_BY
  }

  private FieldAggregation() {}

  public static <T> FieldAggregation<T> byPosition(
      Kind kind, TypeInfo<T> type, int position, String where) {
    throw new UnsupportedOperationException("not yet");
  }

  public static <T> FieldAggregation<T> byName(
      Kind kind, TypeInfo<T> type, String field, String where) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public T reduce(T value1, T value2) {
    throw new UnsupportedOperationException("not yet");
  }
}
