package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/** Describes a {@link ReducingState}. */
@Public
public final class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private final ReduceFunction<T> reduceFunction;

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, Class<T> type) {
    this(name, reduceFunction, TypeInfo.of(type));
  }

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, TypeInfo<T> type) {
    super(name, type);
    this.reduceFunction = Objects.requireNonNull(reduceFunction, "reduceFunction");
  }

  public ReduceFunction<T> getReduceFunction() {
    return reduceFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.REDUCING;
  }
}
