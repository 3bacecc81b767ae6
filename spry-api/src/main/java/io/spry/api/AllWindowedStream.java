package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.functions.aggregation.FieldAggregation;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.Transformation;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.functions.AllWindowFunction;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.AllWindowFunctionAdapter;
import io.spry.api.windowing.internal.ConstantKeySelector;
import io.spry.api.windowing.internal.MergeAccumulators;
import io.spry.api.windowing.internal.PassThroughWindowFunction;
import io.spry.api.windowing.internal.ProcessAllWindowFunctionAdapter;
import io.spry.api.windowing.internal.WindowPreAggregation;
import io.spry.api.windowing.internal.WindowSlices;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.EventTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;
import java.util.Objects;

/**
 * A non-keyed stream cut into windows: {@code stream.windowAll(...)}. The same as {@link
 * WindowedStream} but over all records, so the window operator runs as a single subtask
 * (parallelism 1, which cannot be changed: all records meet there).
 *
 * <p><b>Pre-aggregation.</b> {@code reduce} and {@code aggregate} over tumbling or sliding
 * event-time windows, with the default trigger, no evictor and no late-data side output, run in two
 * steps: each parallel subtask of the input folds its records into one accumulator per window slice
 * (chained to the input, no exchange), and the single window subtask merges those partial
 * accumulators. Only a few records per window and input subtask cross to the single subtask, so the
 * window is as parallel as its input and fires at once. The aggregate function must implement
 * {@code merge(windowAccumulator, partialAccumulator)} (it may change its first argument, never its
 * second) and give the same result whatever the grouping and order of records; a sliding {@code
 * reduce} (a reduce may change its first argument) and the built-in field aggregations ({@code
 * sum}, {@code max}, ...: they keep the first record's other fields) run in the single subtask
 * only. Records dropped as late are counted per partial accumulator rather than per record.
 *
 * @param <T> the type of records
 * @param <W> the window type
 */
@Public
public final class AllWindowedStream<T, W extends Window> {
  private final DataStream<T> input;
  private final WindowedStream<T, Byte, W> windowed;

  AllWindowedStream(DataStream<T> input, WindowedStream<T, Byte, W> windowed) {
    this.input = input;
    this.windowed = windowed;
  }

  /** See {@link WindowedStream#trigger}. */
  public AllWindowedStream<T, W> trigger(Trigger<? super T, ? super W> trigger) {
    windowed.trigger(trigger);
    return this;
  }

  /** See {@link WindowedStream#evictor}. */
  public AllWindowedStream<T, W> evictor(Evictor<? super T, ? super W> evictor) {
    windowed.evictor(evictor);
    return this;
  }

  /** See {@link WindowedStream#allowedLateness}. */
  public AllWindowedStream<T, W> allowedLateness(Duration lateness) {
    windowed.allowedLateness(lateness);
    return this;
  }

  /** See {@link WindowedStream#sideOutputLateData}. */
  public AllWindowedStream<T, W> sideOutputLateData(OutputTag<T> outputTag) {
    windowed.sideOutputLateData(outputTag);
    return this;
  }

  public SingleOutputStream<T> reduce(ReduceFunction<T> function) {
    String site = CallSite.capture();
    return reduceWindow(function, new PassThroughWindowFunction<>(), windowed.inputType(), site);
  }

  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, ProcessAllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, ProcessAllWindowFunction.class, windowed.inputType(), site);
    return reduceWindow(reducer, new ProcessAllWindowFunctionAdapter<>(function), out, site);
  }

  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, AllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, AllWindowFunction.class, windowed.inputType(), site);
    return reduceWindow(reducer, new AllWindowFunctionAdapter<>(function), out, site);
  }

  public <ACC, R> SingleOutputStream<R> aggregate(AggregateFunction<T, ACC, R> function) {
    String site = CallSite.capture();
    return aggregateWindow(
        function, new PassThroughWindowFunction<>(), aggregateOutput(function, site), site);
  }

  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, ProcessAllWindowFunction<V, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        output(function, ProcessAllWindowFunction.class, aggregateOutput(aggregator, site), site);
    return aggregateWindow(aggregator, new ProcessAllWindowFunctionAdapter<>(function), out, site);
  }

  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, AllWindowFunction<V, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        output(function, AllWindowFunction.class, aggregateOutput(aggregator, site), site);
    return aggregateWindow(aggregator, new AllWindowFunctionAdapter<>(function), out, site);
  }

  public <R> SingleOutputStream<R> process(ProcessAllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, ProcessAllWindowFunction.class, windowed.inputType(), site);
    return single(
        windowed.processWindow(new ProcessAllWindowFunctionAdapter<>(function), out, site));
  }

  public <R> SingleOutputStream<R> apply(AllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, AllWindowFunction.class, windowed.inputType(), site);
    return single(windowed.processWindow(new AllWindowFunctionAdapter<>(function), out, site));
  }

  public SingleOutputStream<T> sum(int position) {
    return single(windowed.sum(position));
  }

  public SingleOutputStream<T> sum(String field) {
    return single(windowed.sum(field));
  }

  public SingleOutputStream<T> min(int position) {
    return single(windowed.min(position));
  }

  public SingleOutputStream<T> min(String field) {
    return single(windowed.min(field));
  }

  public SingleOutputStream<T> max(int position) {
    return single(windowed.max(position));
  }

  public SingleOutputStream<T> max(String field) {
    return single(windowed.max(field));
  }

  public SingleOutputStream<T> minBy(int position) {
    return single(windowed.minBy(position));
  }

  public SingleOutputStream<T> minBy(String field) {
    return single(windowed.minBy(field));
  }

  public SingleOutputStream<T> maxBy(int position) {
    return single(windowed.maxBy(position));
  }

  public SingleOutputStream<T> maxBy(String field) {
    return single(windowed.maxBy(field));
  }

  // ---- pre-aggregation ----

  private <R> SingleOutputStream<R> reduceWindow(
      ReduceFunction<T> reducer,
      ProcessWindowFunction<T, R, Byte, W> function,
      TypeInfo<R> out,
      String site) {
    Objects.requireNonNull(reducer, "reduce function");
    long slices = slicesPerWindow();
    // A reduce may change its first argument, which in a window of several slices would be a slice
    // that other windows share: sliding reduces stay in the single subtask.
    if (slices != 1 || reducer instanceof FieldAggregation<?>) {
      return single(windowed.reduceWindow(reducer, function, out, site));
    }
    WindowedStream.rejectRich(reducer, "reduce", site);
    SingleOutputStream<T> partials =
        preAggregate(
            new ReducingStateDescriptor<>(WindowSpec.CONTENTS_STATE, reducer, windowed.inputType()),
            windowed.inputType(),
            site);
    return single(mergeWindow(partials, site).reduceWindow(reducer, function, out, site));
  }

  private <ACC, V, R> SingleOutputStream<R> aggregateWindow(
      AggregateFunction<T, ACC, V> aggregator,
      ProcessWindowFunction<V, R, Byte, W> function,
      TypeInfo<R> out,
      String site) {
    Objects.requireNonNull(aggregator, "aggregate function");
    if (slicesPerWindow() < 0) {
      return single(windowed.aggregateWindow(aggregator, function, out, site));
    }
    WindowedStream.rejectRich(aggregator, "aggregate", site);
    TypeInfo<ACC> accumulatorType = windowed.accumulatorType(aggregator, site);
    SingleOutputStream<ACC> partials =
        preAggregate(
            new AggregatingStateDescriptor<>(
                WindowSpec.CONTENTS_STATE, aggregator, accumulatorType),
            accumulatorType,
            site);
    return single(
        mergeWindow(partials, site)
            .aggregateWindow(
                new MergeAccumulators<>(aggregator), accumulatorType, function, out, site));
  }

  /**
   * How many slices make up one window when this windowAll can pre-aggregate, else -1: tumbling or
   * sliding event-time windows of at most {@link WindowSlices#MAX_SLICES_PER_WINDOW} slices, the
   * default trigger, no evictor, no late-data side output, a non-keyed input.
   */
  private long slicesPerWindow() {
    long[] sizeSlide = WindowSlices.sizeSlideOffset(windowed.assigner());
    if (sizeSlide == null
        || input instanceof KeyedStream<?, ?>
        || windowed.hasEvictor()
        || windowed.hasLateDataTag()
        || !(windowed.currentTrigger() instanceof EventTimeTrigger)) {
      return -1;
    }
    long slices = sizeSlide[0] / WindowSlices.gcd(sizeSlide[0], sizeSlide[1]);
    return slices <= WindowSlices.MAX_SLICES_PER_WINDOW ? slices : -1;
  }

  /** The parallel half: one partial per slice and input subtask, chained to the input. */
  private <P> SingleOutputStream<P> preAggregate(
      StateDescriptor<?, ?> contents, TypeInfo<P> partialType, String site) {
    SingleOutputStream<P> partials =
        input
            .transform(
                OperatorKind.WINDOW_PRE_AGGREGATE,
                new WindowPreAggregation(windowed.assigner(), contents),
                partialType,
                site)
            .name("WindowAll pre-aggregate(" + windowed.assigner() + ")");
    int parallelism = input.getTransformation().getParallelism();
    if (parallelism != Transformation.DEFAULT_PARALLELISM) {
      partials.getTransformation().setParallelism(parallelism); // stays chained to its input
    }
    return partials;
  }

  /** The single half: the same windows over the partials, which carry their slice's time. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <P> WindowedStream<P, Byte, W> mergeWindow(SingleOutputStream<P> partials, String site) {
    KeyedStream<P, Byte> all = partials.keyBy(new ConstantKeySelector<>(), Types.BYTE, site);
    WindowedStream<P, Byte, W> merged =
        new WindowedStream<>(all, (WindowAssigner) windowed.assigner(), "WindowAll");
    merged.setAllowedLatenessMillis(windowed.allowedLatenessMillis());
    return merged;
  }

  private static <R> SingleOutputStream<R> single(SingleOutputStream<R> s) {
    s.getTransformation().setParallelism(1);
    return s;
  }

  private static <R> TypeInfo<R> output(
      Object function, Class<?> functionClass, TypeInfo<?> in, String site) {
    return TypeExtractor.outputType(
        function,
        functionClass,
        1,
        new TypeInfo<?>[] {in, null},
        "the output of the window function at " + site);
  }

  private <R> TypeInfo<R> aggregateOutput(AggregateFunction<T, ?, R> function, String site) {
    return TypeExtractor.outputType(
        function,
        AggregateFunction.class,
        2,
        new TypeInfo<?>[] {windowed.inputType(), null},
        "the output of aggregate at " + site);
  }
}
