package io.spry.api.functions.aggregation;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.MapFunction;
import io.spry.api.tuple.Tuple;
import io.spry.api.types.TypeInfo;

/** The map function behind {@code project(...)}: picks tuple fields into a new tuple. (Stub.) */
@Internal
public final class Projection<T, R extends Tuple> implements MapFunction<T, R> {

  private Projection() {}

  /**
   * @param where the call and its site, for errors
   */
  public static <T, R extends Tuple> Projection<T, R> of(
      TypeInfo<T> inputType, int[] fields, String where) {
    throw new UnsupportedOperationException("not yet");
  }

  public TypeInfo<R> getOutputType() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public R map(T value) {
    throw new UnsupportedOperationException("not yet");
  }
}
