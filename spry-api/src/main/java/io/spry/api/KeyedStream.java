package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.functions.aggregation.FieldAggregation;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.PartitionTransformation;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.GlobalWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.triggers.CountTrigger;
import io.spry.api.windowing.triggers.PurgingTrigger;
import io.spry.api.windowing.windows.GlobalWindow;
import io.spry.api.windowing.windows.Window;

/**
 * A stream partitioned by key. Operators applied to it ({@code map}, {@code process}, {@code
 * reduce}, ...) see keyed state scoped to each record's key.
 *
 * <p>Rolling aggregations ({@code sum}, {@code min}, ...) emit an updated result for every record:
 * the last result per key is the aggregate of all its records. Fields are addressed by position on
 * tuples and by name on records and POJOs.
 *
 * @param <T> the record type
 * @param <K> the key type
 */
@Public
public final class KeyedStream<T, K> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;
  private final TypeInfo<K> keyType;

  KeyedStream(
      StreamEnvironment env,
      PartitionTransformation<T> transformation,
      KeySelector<T, K> keySelector,
      TypeInfo<K> keyType) {
    super(env, transformation);
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  @Override
  KeySelector<T, ?> keySelector() {
    return keySelector;
  }

  @Override
  TypeInfo<?> keyType() {
    return keyType;
  }

  /**
   * Joins this stream with another keyed by the same key type, pairing elements whose timestamps
   * are within an interval: {@code intervalJoin(other).between(lower, upper).process(fn)}.
   */
  public <T2> IntervalJoin<T, T2, K> intervalJoin(KeyedStream<T2, K> other) {
    sameEnvironment(other, "intervalJoin");
    return new IntervalJoin<>(env, this, other);
  }

  /** A keyed process function: keyed state and timers per key. */
  public <R> SingleOutputStream<R> process(KeyedProcessFunction<K, T, R> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        TypeExtractor.outputType(
            function,
            KeyedProcessFunction.class,
            2,
            new TypeInfo<?>[] {keyType, getType()},
            "the output of process at " + site);
    return transform(OperatorKind.KEYED_PROCESS, function, out, site);
  }

  public <R> SingleOutputStream<R> process(
      KeyedProcessFunction<K, T, R> function, TypeInfo<R> outputType) {
    return transform(OperatorKind.KEYED_PROCESS, function, outputType, CallSite.capture());
  }

  // ---- windows ----

  /**
   * Cuts each key's records into windows: {@code window(TumblingEventTimeWindows.of(d))}, {@code
   * SlidingEventTimeWindows}, {@code EventTimeSessionWindows}, their processing-time variants, or
   * {@code GlobalWindows} with a trigger of your own.
   */
  public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
    return new WindowedStream<>(this, assigner, "Window");
  }

  /** Tumbling windows of {@code size} records per key; a partial window never fires. */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size) {
    checkCount("countWindow", "size", size);
    return window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(size)));
  }

  /**
   * Sliding windows over the last {@code size} records per key, evaluated every {@code slide}
   * records.
   */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size, long slide) {
    checkCount("countWindow", "size", size);
    checkCount("countWindow", "slide", slide);
    return window(GlobalWindows.create())
        .evictor(CountEvictor.of(size))
        .trigger(CountTrigger.of(slide));
  }

  static void checkCount(String call, String what, long n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          call + " at " + CallSite.capture() + ": the " + what + " must be at least 1, was " + n);
    }
  }

  /** Combines each record with the key's previous result and emits the new result. */
  public SingleOutputStream<T> reduce(ReduceFunction<T> reducer) {
    return transform(OperatorKind.REDUCE, reducer, getType(), CallSite.capture());
  }

  /** The running sum of a numeric field; the other fields are the key's first record's. */
  public SingleOutputStream<T> sum(int position) {
    return aggregate(FieldAggregation.Kind.SUM, position, null, "sum(" + position + ")");
  }

  public SingleOutputStream<T> sum(String field) {
    return aggregate(FieldAggregation.Kind.SUM, -1, field, "sum(\"" + field + "\")");
  }

  /** The running minimum of a field; the other fields are the key's first record's. */
  public SingleOutputStream<T> min(int position) {
    return aggregate(FieldAggregation.Kind.MIN, position, null, "min(" + position + ")");
  }

  public SingleOutputStream<T> min(String field) {
    return aggregate(FieldAggregation.Kind.MIN, -1, field, "min(\"" + field + "\")");
  }

  /** The running maximum of a field; the other fields are the key's first record's. */
  public SingleOutputStream<T> max(int position) {
    return aggregate(FieldAggregation.Kind.MAX, position, null, "max(" + position + ")");
  }

  public SingleOutputStream<T> max(String field) {
    return aggregate(FieldAggregation.Kind.MAX, -1, field, "max(\"" + field + "\")");
  }

  /** The record with the smallest value of a field so far (the first one on ties). */
  public SingleOutputStream<T> minBy(int position) {
    return aggregate(FieldAggregation.Kind.MIN_BY, position, null, "minBy(" + position + ")");
  }

  public SingleOutputStream<T> minBy(String field) {
    return aggregate(FieldAggregation.Kind.MIN_BY, -1, field, "minBy(\"" + field + "\")");
  }

  /** The record with the largest value of a field so far (the first one on ties). */
  public SingleOutputStream<T> maxBy(int position) {
    return aggregate(FieldAggregation.Kind.MAX_BY, position, null, "maxBy(" + position + ")");
  }

  public SingleOutputStream<T> maxBy(String field) {
    return aggregate(FieldAggregation.Kind.MAX_BY, -1, field, "maxBy(\"" + field + "\")");
  }

  private SingleOutputStream<T> aggregate(
      FieldAggregation.Kind kind, int position, String field, String call) {
    String site = CallSite.capture();
    String where = call + " at " + site;
    FieldAggregation<T> agg =
        field == null
            ? FieldAggregation.byPosition(kind, getType(), position, where)
            : FieldAggregation.byName(kind, getType(), field, where);
    return transform(OperatorKind.REDUCE, agg, getType(), site).name("Keyed Aggregation");
  }
}
