package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * An incremental aggregation: inputs are added to an accumulator, accumulators can be merged, and a
 * result is read from the accumulator.
 *
 * @param <IN> the input type
 * @param <ACC> the accumulator type, kept in state
 * @param <OUT> the result type
 */
@Public
public interface AggregateFunction<IN, ACC, OUT> extends Function {
  ACC createAccumulator();

  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  ACC merge(ACC a, ACC b);
}
