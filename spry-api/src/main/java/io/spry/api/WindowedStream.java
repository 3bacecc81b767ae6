package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.functions.RichFunction;
import io.spry.api.functions.aggregation.FieldAggregation;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OperatorKind;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.GenericTypeInfo;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.MergingWindowAssigner;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.evictors.TimestampedValueTypeInfo;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.functions.WindowFunction;
import io.spry.api.windowing.internal.AggregateApplyWindowFunction;
import io.spry.api.windowing.internal.DurationChecks;
import io.spry.api.windowing.internal.PassThroughWindowFunction;
import io.spry.api.windowing.internal.ReduceApplyWindowFunction;
import io.spry.api.windowing.internal.WindowFunctionAdapter;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;
import java.util.Objects;

/**
 * A keyed stream cut into windows by a {@link WindowAssigner}: {@code keyBy(...).window(...)}.
 * Optionally set a {@link #trigger}, an {@link #evictor}, the {@link #allowedLateness} and a side
 * output for {@link #sideOutputLateData late data}; then evaluate each window with {@link #reduce},
 * {@link #aggregate}, {@link #process} or {@link #apply}.
 *
 * <p>{@code reduce} and {@code aggregate} keep one pre-aggregated value per window; {@code process}
 * and {@code apply} keep every record until the window fires. With an evictor every record is kept
 * in any case (so that it can be evicted), and {@code reduce} and {@code aggregate} run over the
 * remaining records each time the window fires.
 *
 * @param <T> the type of records
 * @param <K> the key type
 * @param <W> the window type
 */
@Public
public final class WindowedStream<T, K, W extends Window> {
  private final KeyedStream<T, K> input;
  private final WindowAssigner<? super T, W> assigner;
  private final String operatorPrefix;
  private Trigger<? super T, ? super W> trigger;
  private Evictor<? super T, ? super W> evictor;
  private long allowedLateness;
  private OutputTag<T> lateDataTag;

  WindowedStream(
      KeyedStream<T, K> input, WindowAssigner<? super T, W> assigner, String operatorPrefix) {
    this.input = input;
    this.assigner = Objects.requireNonNull(assigner, "window assigner");
    this.operatorPrefix = operatorPrefix;
    this.trigger = assigner.getDefaultTrigger();
  }

  // ---- configuration ----

  /** Replaces the assigner's default trigger. */
  public WindowedStream<T, K, W> trigger(Trigger<? super T, ? super W> trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
      throw new IllegalArgumentException(
          "trigger("
              + trigger
              + ") at "
              + CallSite.capture()
              + ": "
              + assigner
              + " merges windows, but the trigger cannot merge (its canMerge() is false)."
              + " Implement canMerge() and onMerge(...) in the trigger, or use a non-merging"
              + " assigner");
    }
    this.trigger = trigger;
    return this;
  }

  /**
   * Removes records from a window when it fires, before or after the window function. The window
   * then keeps every record, also with {@code reduce} or {@code aggregate}, which run over the
   * remaining records at each firing instead of pre-aggregating.
   */
  public WindowedStream<T, K, W> evictor(Evictor<? super T, ? super W> evictor) {
    this.evictor = Objects.requireNonNull(evictor, "evictor");
    return this;
  }

  /**
   * How long after the watermark passes the end of a window its records still count (default 0). A
   * record that arrives within that time is added and the window fires again (with the default
   * trigger); later records are dropped, or go to {@link #sideOutputLateData}. Event-time windows
   * only.
   */
  public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
    String call = "allowedLateness(" + lateness + ") at " + CallSite.capture();
    long ms = DurationChecks.nonNegativeMillis(lateness, call, "lateness");
    if (ms > 0 && !assigner.isEventTime()) {
      throw new IllegalArgumentException(
          call
              + ": "
              + assigner
              + " assigns processing-time windows, where no record is ever late. Remove the"
              + " call, or use an event-time assigner");
    }
    this.allowedLateness = ms;
    return this;
  }

  /**
   * Sends records that are too late for all their windows to a side output instead of dropping
   * them: read it with {@code result.getSideOutput(tag)}.
   */
  public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> outputTag) {
    this.lateDataTag = Objects.requireNonNull(outputTag, "outputTag");
    return this;
  }

  // ---- window functions ----

  /** Combines each window's records into one, incrementally; emits it when the window fires. */
  public SingleOutputStream<T> reduce(ReduceFunction<T> function) {
    String site = CallSite.capture();
    return reduceWindow(function, new PassThroughWindowFunction<>(), input.getType(), site);
  }

  /** Combines each window's records incrementally, then runs {@code function} on the result. */
  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, ProcessWindowFunction<T, R, K, W> function) {
    String site = CallSite.capture();
    return reduceWindow(reducer, function, processOutput(function, input.getType(), site), site);
  }

  /** Combines each window's records incrementally, then runs {@code function} on the result. */
  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, WindowFunction<T, R, K, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = windowOutput(function, input.getType(), site);
    return reduceWindow(reducer, new WindowFunctionAdapter<>(function), out, site);
  }

  /**
   * Aggregates each window's records incrementally; emits the result when the window fires.
   *
   * <p>On sliding event-time windows with the default trigger and no evictor, the records are
   * aggregated per slice of {@code gcd(size, slide)}, so each record is added once however many
   * windows hold it, and a window's result is combined from its slices' accumulators with {@link
   * AggregateFunction#merge}: the function must implement {@code merge(windowAccumulator,
   * sliceAccumulator)} (it may change its first argument, never its second) and give the same
   * result whatever the grouping and order of the records. Tumbling windows never merge. See "How
   * sliding windows are computed" in {@code docs/time-and-windows.md}. The same holds for the
   * {@code aggregate} variants with a window function.
   */
  public <ACC, R> SingleOutputStream<R> aggregate(AggregateFunction<T, ACC, R> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = aggregateOutput(function, site);
    return aggregateWindow(function, new PassThroughWindowFunction<>(), out, site);
  }

  /** Aggregates each window's records incrementally, then runs {@code function} on the result. */
  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, ProcessWindowFunction<V, R, K, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = processOutput(function, aggregateOutput(aggregator, site), site);
    return aggregateWindow(aggregator, function, out, site);
  }

  /** Aggregates each window's records incrementally, then runs {@code function} on the result. */
  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, WindowFunction<V, R, K, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = windowOutput(function, aggregateOutput(aggregator, site), site);
    return aggregateWindow(aggregator, new WindowFunctionAdapter<>(function), out, site);
  }

  /** Runs {@code function} over all of a window's records when it fires. */
  public <R> SingleOutputStream<R> process(ProcessWindowFunction<T, R, K, W> function) {
    String site = CallSite.capture();
    return processWindow(function, processOutput(function, input.getType(), site), site);
  }

  /** Runs {@code function} over all of a window's records when it fires. */
  public <R> SingleOutputStream<R> apply(WindowFunction<T, R, K, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = windowOutput(function, input.getType(), site);
    return processWindow(new WindowFunctionAdapter<>(function), out, site);
  }

  /** The sum of a numeric field per window; the other fields are the window's first record's. */
  public SingleOutputStream<T> sum(int position) {
    return fieldAggregation(FieldAggregation.Kind.SUM, position, null, "sum(" + position + ")");
  }

  public SingleOutputStream<T> sum(String field) {
    return fieldAggregation(FieldAggregation.Kind.SUM, -1, field, "sum(\"" + field + "\")");
  }

  /** The minimum of a field per window; the other fields are the window's first record's. */
  public SingleOutputStream<T> min(int position) {
    return fieldAggregation(FieldAggregation.Kind.MIN, position, null, "min(" + position + ")");
  }

  public SingleOutputStream<T> min(String field) {
    return fieldAggregation(FieldAggregation.Kind.MIN, -1, field, "min(\"" + field + "\")");
  }

  /** The maximum of a field per window; the other fields are the window's first record's. */
  public SingleOutputStream<T> max(int position) {
    return fieldAggregation(FieldAggregation.Kind.MAX, position, null, "max(" + position + ")");
  }

  public SingleOutputStream<T> max(String field) {
    return fieldAggregation(FieldAggregation.Kind.MAX, -1, field, "max(\"" + field + "\")");
  }

  /** The record with the smallest value of a field per window (the first one on ties). */
  public SingleOutputStream<T> minBy(int position) {
    return fieldAggregation(
        FieldAggregation.Kind.MIN_BY, position, null, "minBy(" + position + ")");
  }

  public SingleOutputStream<T> minBy(String field) {
    return fieldAggregation(FieldAggregation.Kind.MIN_BY, -1, field, "minBy(\"" + field + "\")");
  }

  /** The record with the largest value of a field per window (the first one on ties). */
  public SingleOutputStream<T> maxBy(int position) {
    return fieldAggregation(
        FieldAggregation.Kind.MAX_BY, position, null, "maxBy(" + position + ")");
  }

  public SingleOutputStream<T> maxBy(String field) {
    return fieldAggregation(FieldAggregation.Kind.MAX_BY, -1, field, "maxBy(\"" + field + "\")");
  }

  private SingleOutputStream<T> fieldAggregation(
      FieldAggregation.Kind kind, int position, String field, String call) {
    String site = CallSite.capture();
    String where = call + " at " + site;
    TypeInfo<T> type = input.getType();
    FieldAggregation<T> agg =
        field == null
            ? FieldAggregation.byPosition(kind, type, position, where)
            : FieldAggregation.byName(kind, type, field, where);
    return reduceWindow(agg, new PassThroughWindowFunction<>(), type, site);
  }

  // ---- building (also used by AllWindowedStream) ----

  <R> SingleOutputStream<R> reduceWindow(
      ReduceFunction<T> reducer,
      ProcessWindowFunction<T, R, K, W> function,
      TypeInfo<R> outputType,
      String site) {
    Objects.requireNonNull(reducer, "reduce function");
    Objects.requireNonNull(function, "window function");
    rejectRich(reducer, "reduce", site);
    if (evictor != null) {
      return build(
          evictingContents(), new ReduceApplyWindowFunction<>(reducer, function), outputType, site);
    }
    return build(
        new ReducingStateDescriptor<>(WindowSpec.CONTENTS_STATE, reducer, input.getType()),
        function,
        outputType,
        site);
  }

  <ACC, V, R> SingleOutputStream<R> aggregateWindow(
      AggregateFunction<T, ACC, V> aggregator,
      ProcessWindowFunction<V, R, K, W> function,
      TypeInfo<R> outputType,
      String site) {
    Objects.requireNonNull(aggregator, "aggregate function");
    Objects.requireNonNull(function, "window function");
    rejectRich(aggregator, "aggregate", site);
    if (evictor != null) {
      return build(
          evictingContents(),
          new AggregateApplyWindowFunction<>(aggregator, function),
          outputType,
          site);
    }
    return aggregateWindow(
        aggregator, accumulatorType(aggregator, site), function, outputType, site);
  }

  /** {@link #aggregateWindow} with a known accumulator type. */
  <ACC, V, R> SingleOutputStream<R> aggregateWindow(
      AggregateFunction<T, ACC, V> aggregator,
      TypeInfo<ACC> accumulatorType,
      ProcessWindowFunction<V, R, K, W> function,
      TypeInfo<R> outputType,
      String site) {
    return build(
        new AggregatingStateDescriptor<>(WindowSpec.CONTENTS_STATE, aggregator, accumulatorType),
        function,
        outputType,
        site);
  }

  /** The accumulator type of {@code aggregator}, or a generic one where erasure hid it. */
  <ACC> TypeInfo<ACC> accumulatorType(AggregateFunction<T, ACC, ?> aggregator, String site) {
    TypeInfo<ACC> accumulatorType =
        TypeExtractor.outputType(
            aggregator,
            AggregateFunction.class,
            1,
            new TypeInfo<?>[] {input.getType(), null},
            "the accumulator of aggregate at " + site);
    if (!accumulatorType.isComplete()) {
      // Erasure hid the accumulator type (a lambda, or a generic accumulator): window state is
      // serialized only for snapshots, and then Kryo can do it by the values' classes.
      accumulatorType = genericAccumulator(accumulatorType, site);
    }
    return accumulatorType;
  }

  <R> SingleOutputStream<R> processWindow(
      ProcessWindowFunction<T, R, K, W> function, TypeInfo<R> outputType, String site) {
    Objects.requireNonNull(function, "window function");
    StateDescriptor<?, ?> contents =
        evictor != null
            ? evictingContents()
            : new ListStateDescriptor<>(WindowSpec.CONTENTS_STATE, input.getType());
    return build(contents, function, outputType, site);
  }

  private <R> SingleOutputStream<R> build(
      StateDescriptor<?, ?> contents,
      ProcessWindowFunction<?, R, ?, W> function,
      TypeInfo<R> outputType,
      String site) {
    String description =
        operatorPrefix
            + "("
            + assigner
            + ", "
            + trigger
            + (evictor == null ? "" : ", " + evictor)
            + ")";
    WindowSpec spec =
        new WindowSpec(
            assigner,
            trigger,
            evictor,
            allowedLateness,
            lateDataTag,
            contents,
            function,
            description);
    return input.transform(OperatorKind.WINDOW, spec, outputType, site).name(description);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <ACC> TypeInfo<ACC> genericAccumulator(TypeInfo<ACC> missing, String site) {
    String why =
        missing instanceof MissingTypeInfo<?> m
            ? "the type of the accumulator of aggregate at "
                + site
                + " is unknown: "
                + m.getReason()
            : "the type of the accumulator of aggregate at " + site + " is incomplete";
    return new GenericTypeInfo(missing.getTypeClass(), why);
  }

  /** The records of a window with an evictor, with their timestamps. */
  private StateDescriptor<?, ?> evictingContents() {
    return new ListStateDescriptor<>(
        WindowSpec.CONTENTS_STATE, new TimestampedValueTypeInfo<>(input.getType()));
  }

  static void rejectRich(Object function, String call, String site) {
    if (function instanceof RichFunction) {
      throw new UnsupportedOperationException(
          "The function of the window "
              + call
              + " at "
              + site
              + " is a rich function, which a pre-aggregating window cannot run: its state"
              + " and lifecycle would belong to no record. Make it a plain "
              + (call.equals("reduce") ? "ReduceFunction" : "AggregateFunction")
              + ", and do what needs the runtime context in a ProcessWindowFunction passed as"
              + " the second argument: "
              + call
              + "(function, processWindowFunction)");
    }
  }

  // ---- types ----

  private <R> TypeInfo<R> processOutput(Object function, TypeInfo<?> in, String site) {
    return TypeExtractor.outputType(
        function,
        ProcessWindowFunction.class,
        1,
        new TypeInfo<?>[] {in, input.getKeyType(), null},
        "the output of the window function at " + site);
  }

  private <R> TypeInfo<R> windowOutput(Object function, TypeInfo<?> in, String site) {
    return TypeExtractor.outputType(
        function,
        WindowFunction.class,
        1,
        new TypeInfo<?>[] {in, input.getKeyType(), null},
        "the output of the window function at " + site);
  }

  private <R> TypeInfo<R> aggregateOutput(AggregateFunction<T, ?, R> function, String site) {
    return TypeExtractor.outputType(
        function,
        AggregateFunction.class,
        2,
        new TypeInfo<?>[] {input.getType(), null},
        "the output of aggregate at " + site);
  }

  TypeInfo<T> inputType() {
    return input.getType();
  }

  WindowAssigner<? super T, W> assigner() {
    return assigner;
  }

  Trigger<? super T, ? super W> currentTrigger() {
    return trigger;
  }

  boolean hasEvictor() {
    return evictor != null;
  }

  boolean hasLateDataTag() {
    return lateDataTag != null;
  }

  long allowedLatenessMillis() {
    return allowedLateness;
  }

  /** Sets the allowed lateness already checked by another window stream. */
  void setAllowedLatenessMillis(long millis) {
    this.allowedLateness = millis;
  }
}
