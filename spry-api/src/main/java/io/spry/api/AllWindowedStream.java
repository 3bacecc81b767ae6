package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.graph.CallSite;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.functions.AllWindowFunction;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.internal.AllWindowFunctionAdapter;
import io.spry.api.windowing.internal.PassThroughWindowFunction;
import io.spry.api.windowing.internal.ProcessAllWindowFunctionAdapter;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;

/**
 * A non-keyed stream cut into windows: {@code stream.windowAll(...)}. The same as {@link
 * WindowedStream} but over all records, so the window operator runs as a single subtask
 * (parallelism 1, which cannot be changed: all records meet there).
 *
 * @param <T> the type of records
 * @param <W> the window type
 */
@Public
public final class AllWindowedStream<T, W extends Window> {
  private final WindowedStream<T, Byte, W> windowed;

  AllWindowedStream(WindowedStream<T, Byte, W> windowed) {
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
    return single(
        windowed.reduceWindow(
            function, new PassThroughWindowFunction<>(), windowed.inputType(), site));
  }

  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, ProcessAllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, ProcessAllWindowFunction.class, windowed.inputType(), site);
    return single(
        windowed.reduceWindow(reducer, new ProcessAllWindowFunctionAdapter<>(function), out, site));
  }

  public <R> SingleOutputStream<R> reduce(
      ReduceFunction<T> reducer, AllWindowFunction<T, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out = output(function, AllWindowFunction.class, windowed.inputType(), site);
    return single(
        windowed.reduceWindow(reducer, new AllWindowFunctionAdapter<>(function), out, site));
  }

  public <ACC, R> SingleOutputStream<R> aggregate(AggregateFunction<T, ACC, R> function) {
    String site = CallSite.capture();
    return single(
        windowed.aggregateWindow(
            function, new PassThroughWindowFunction<>(), aggregateOutput(function, site), site));
  }

  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, ProcessAllWindowFunction<V, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        output(function, ProcessAllWindowFunction.class, aggregateOutput(aggregator, site), site);
    return single(
        windowed.aggregateWindow(
            aggregator, new ProcessAllWindowFunctionAdapter<>(function), out, site));
  }

  public <ACC, V, R> SingleOutputStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregator, AllWindowFunction<V, R, W> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        output(function, AllWindowFunction.class, aggregateOutput(aggregator, site), site);
    return single(
        windowed.aggregateWindow(aggregator, new AllWindowFunctionAdapter<>(function), out, site));
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
