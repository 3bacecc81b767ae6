package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/** Describes an {@link AggregatingState}; the type is the accumulator's. */
@Public
public final class AggregatingStateDescriptor<IN, ACC, OUT>
    extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

  public AggregatingStateDescriptor(
      String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, Class<ACC> accumulatorType) {
    this(name, aggregateFunction, TypeInfo.of(accumulatorType));
  }

  public AggregatingStateDescriptor(
      String name,
      AggregateFunction<IN, ACC, OUT> aggregateFunction,
      TypeInfo<ACC> accumulatorType) {
    super(name, accumulatorType);
    this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregateFunction");
  }

  public AggregateFunction<IN, ACC, OUT> getAggregateFunction() {
    return aggregateFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.AGGREGATING;
  }
}
