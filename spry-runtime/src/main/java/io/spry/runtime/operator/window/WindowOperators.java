package io.spry.runtime.operator.window;

import io.spry.api.functions.aggregation.FieldAggregation;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.windowing.internal.WindowSlices;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.runtime.operator.StreamOperator;

/**
 * Chooses the operator for a window spec: {@link SlicingWindowOperator} where it gives the same
 * results as {@link WindowOperator} at a cost per record that does not grow with the number of
 * windows per record, else {@link WindowOperator}.
 *
 * <p>Sliced when all of these hold:
 *
 * <ul>
 *   <li>the assigner is {@code SlidingEventTimeWindows} or {@code TumblingEventTimeWindows} (a
 *       tumbling window is one slice);
 *   <li>the trigger is the default {@code EventTimeTrigger} and there is no evictor;
 *   <li>the function is incremental: {@code aggregate}, or {@code reduce} on tumbling windows (one
 *       slice each), with or without a window function on the result;
 *   <li>a window is at most {@value #MAX_SLICES_PER_WINDOW} slices ({@code size / gcd(size,
 *       slide)}), since a firing combines them all;
 *   <li>the reduce is not a built-in field aggregation ({@code sum}, {@code min}, {@code max},
 *       {@code minBy}, {@code maxBy}): their results keep the fields of the window's first record
 *       in arrival order, which slices do not preserve.
 * </ul>
 *
 * Any allowed lateness and late-data side output is supported. A window of one slice is that slice,
 * so tumbling windows never merge. A sliding {@code aggregate} calls {@code
 * AggregateFunction.merge} to combine slices, so its result must not depend on how records are
 * grouped or ordered (sums, counts, minimums, ...) — the same contract Flink's sliced SQL windows
 * have.
 */
public final class WindowOperators {
  /** The most slices one window may have for the sliced operator. */
  public static final long MAX_SLICES_PER_WINDOW = WindowSlices.MAX_SLICES_PER_WINDOW;

  private WindowOperators() {}

  public static StreamOperator<?> create(WindowSpec spec) {
    StreamOperator<?> sliced = createSliced(spec);
    return sliced != null ? sliced : new WindowOperator<>(spec);
  }

  /**
   * The general operator, also where a sliced one would be chosen: for tests that compare the two,
   * and for benchmarks.
   */
  public static StreamOperator<?> createGeneral(WindowSpec spec) {
    return new WindowOperator<>(spec);
  }

  /** The sliced operator for the spec, or null when it does not qualify. */
  public static StreamOperator<?> createSliced(WindowSpec spec) {
    Slicing slicing = Slicing.of(spec.assigner());
    if (slicing == null
        || slicing.slicesPerWindow() > MAX_SLICES_PER_WINDOW
        || !(spec.trigger() instanceof EventTimeTrigger)
        || spec.evictor() != null
        || isFieldAggregation(spec)
        || (isReduce(spec) && slicing.slicesPerWindow() > 1)) {
      // A reduce may change its first argument, which for a window of several slices would be a
      // slice other windows share; and its result may depend on arrival order. So only windows of
      // one slice (tumbling) use slices with reduce; sliding reduces stay on the general operator.
      return null;
    }
    SliceFunction<Object> function = SliceFunction.of(spec.contentsDescriptor());
    return function == null ? null : new SlicingWindowOperator<>(spec, slicing, function);
  }

  private static boolean isReduce(WindowSpec spec) {
    return spec.contentsDescriptor() instanceof ReducingStateDescriptor<?>;
  }

  private static boolean isFieldAggregation(WindowSpec spec) {
    return spec.contentsDescriptor() instanceof ReducingStateDescriptor<?> r
        && r.getReduceFunction() instanceof FieldAggregation<?>;
  }
}
