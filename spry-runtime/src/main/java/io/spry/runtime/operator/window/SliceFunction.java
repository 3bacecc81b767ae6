package io.spry.runtime.operator.window;

import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateDescriptor;
import java.io.Serializable;

/**
 * The incremental function of a sliced window: adds a record to a slice's accumulator, and combines
 * the slices of a window into the window's result without changing them (a slice is shared by
 * several windows).
 *
 * @param <IN> the type of records
 */
abstract class SliceFunction<IN> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The function behind reducing or aggregating window contents, or null for other contents. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <IN> SliceFunction<IN> of(StateDescriptor<?, ?> contents) {
    if (contents instanceof ReducingStateDescriptor<?> r) {
      return new Reduce<>((ReduceFunction<IN>) r.getReduceFunction());
    }
    if (contents instanceof AggregatingStateDescriptor<?, ?, ?> a) {
      return new Aggregate<>((AggregateFunction) a.getAggregateFunction());
    }
    return null;
  }

  /**
   * The slice's accumulator with {@code value} added; {@code accumulator} is null for a new one.
   */
  abstract Object add(IN value, Object accumulator) throws Exception;

  /** A window's accumulator before any slice is combined into it (may be null). */
  abstract Object startWindow();

  /** {@code window} with the slice combined into it; must not change {@code slice}. */
  abstract Object combine(Object window, Object slice) throws Exception;

  /** The window's result, given to the window function. */
  abstract Object result(Object window);

  /** The user's function, for messages. */
  abstract Object function();

  /** {@code reduce}: the accumulator is the result so far. */
  private static final class Reduce<IN> extends SliceFunction<IN> {
    private static final long serialVersionUID = 1L;
    private final ReduceFunction<IN> reduce;

    Reduce(ReduceFunction<IN> reduce) {
      this.reduce = reduce;
    }

    @Override
    @SuppressWarnings("unchecked")
    Object add(IN value, Object accumulator) throws Exception {
      return accumulator == null ? value : reduce.reduce((IN) accumulator, value);
    }

    @Override
    Object startWindow() {
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    Object combine(Object window, Object slice) throws Exception {
      return window == null ? slice : reduce.reduce((IN) window, (IN) slice);
    }

    @Override
    Object result(Object window) {
      return window;
    }

    @Override
    Object function() {
      return reduce;
    }
  }

  /**
   * {@code aggregate}: slices hold accumulators; a window starts from a fresh accumulator and
   * merges each slice into it with {@code merge(windowAccumulator, sliceAccumulator)}.
   */
  private static final class Aggregate<IN, ACC> extends SliceFunction<IN> {
    private static final long serialVersionUID = 1L;
    private final AggregateFunction<IN, ACC, ?> aggregate;

    Aggregate(AggregateFunction<IN, ACC, ?> aggregate) {
      this.aggregate = aggregate;
    }

    @Override
    @SuppressWarnings("unchecked")
    Object add(IN value, Object accumulator) {
      ACC acc = accumulator == null ? aggregate.createAccumulator() : (ACC) accumulator;
      return aggregate.add(value, acc);
    }

    @Override
    Object startWindow() {
      return aggregate.createAccumulator();
    }

    @Override
    @SuppressWarnings("unchecked")
    Object combine(Object window, Object slice) {
      try {
        return aggregate.merge((ACC) window, (ACC) slice);
      } catch (UnsupportedOperationException e) {
        throw new UnsupportedOperationException(
            "The aggregate function "
                + aggregate
                + " does not implement merge, which windows computed from slices need: a sliding"
                + " (or tumbling) event-time window combines the accumulators of its slices with"
                + " merge(windowAccumulator, sliceAccumulator). Implement merge (it must not change"
                + " its second argument)",
            e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    Object result(Object window) {
      return aggregate.getResult((ACC) window);
    }

    @Override
    Object function() {
      return aggregate;
    }
  }
}
