package io.spry.testkit;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.annotation.Public;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.BroadcastProcessFunction;
import io.spry.api.functions.CoFlatMapFunction;
import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.CoProcessFunction;
import io.spry.api.functions.FilterFunction;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedBroadcastProcessFunction;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.graph.BroadcastSpec;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.PartitionTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.runtime.operator.CoFlatMapOperator;
import io.spry.runtime.operator.CoMapOperator;
import io.spry.runtime.operator.CoProcessOperator;
import io.spry.runtime.operator.FilterOperator;
import io.spry.runtime.operator.FlatMapOperator;
import io.spry.runtime.operator.KeyedCoProcessOperator;
import io.spry.runtime.operator.KeyedProcessOperator;
import io.spry.runtime.operator.KeyedReduceOperator;
import io.spry.runtime.operator.MapOperator;
import io.spry.runtime.operator.ProcessOperator;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.TimestampsAndWatermarksOperator;
import io.spry.runtime.operator.broadcast.BroadcastProcessOperator;
import io.spry.runtime.operator.broadcast.KeyedBroadcastProcessOperator;
import io.spry.runtime.operator.window.WindowOperators;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Harnesses for user functions: each runs the runtime operator a job would run for the function,
 * named as in a job ({@code "Map"}, {@code "Reduce"}, ...), as subtask 0 of 1 on a {@link
 * ManualClock} at 0 ms.
 *
 * <pre>{@code
 * OneInputOperatorHarness<String, Integer> harness =
 *     OperatorHarness.forMap((String s) -> s.length()).open();
 * harness.processElement("spry");
 * harness.processWatermark(100);
 * assertThat(harness.getOutput()).containsExactly(4);
 * assertThat(harness.getWatermarks()).containsExactly(100L);
 * harness.close();
 * }</pre>
 *
 * Configure a harness (subtask, max parallelism, clock, {@linkplain
 * AbstractOperatorHarness#hostile() hostile mode}) before {@code open()}. For an operator without a
 * factory here, use the constructors of {@link OneInputOperatorHarness} and {@link
 * TwoInputOperatorHarness}.
 */
@Public
public final class OperatorHarness {
  private OperatorHarness() {}

  // ---- one input ----

  public static <IN, OUT> OneInputOperatorHarness<IN, OUT> forMap(MapFunction<IN, OUT> function) {
    return oneInput(new MapOperator<>(function), null, "Map");
  }

  public static <IN, OUT> OneInputOperatorHarness<IN, OUT> forFlatMap(
      FlatMapFunction<IN, OUT> function) {
    return oneInput(new FlatMapOperator<>(function), null, "FlatMap");
  }

  public static <T> OneInputOperatorHarness<T, T> forFilter(FilterFunction<T> function) {
    return oneInput(new FilterOperator<>(function), null, "Filter");
  }

  public static <IN, OUT> OneInputOperatorHarness<IN, OUT> forProcess(
      ProcessFunction<IN, OUT> function) {
    return oneInput(new ProcessOperator<>(function), null, "Process");
  }

  /** A keyed process function; {@code keySelector} gives each record's key, as {@code keyBy}. */
  public static <K, IN, OUT> OneInputOperatorHarness<IN, OUT> forKeyedProcess(
      KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> keySelector) {
    return oneInput(new KeyedProcessOperator<>(function), keyed(keySelector), "KeyedProcess");
  }

  /**
   * {@code keyBy(keySelector).reduce(function)}: emits the key's running result for every record.
   * Its state is named {@code "_reduce"} (for {@link
   * AbstractOperatorHarness#numKeyedStateEntries}).
   */
  @SuppressWarnings("unchecked")
  public static <T> OneInputOperatorHarness<T, T> forReduce(
      ReduceFunction<T> function, KeySelector<T, ?> keySelector) {
    TypeInfo<T> unknown =
        new MissingTypeInfo<>(
            (Class<T>) Object.class,
            "the state of a reduce in an OperatorHarness",
            "no type was given; the heap state backend needs none");
    return forReduce(function, keySelector, unknown);
  }

  /** {@code keyBy(keySelector).reduce(function)} with the type of its state. */
  public static <T> OneInputOperatorHarness<T, T> forReduce(
      ReduceFunction<T> function, KeySelector<T, ?> keySelector, TypeInfo<T> type) {
    return oneInput(new KeyedReduceOperator<>(function, type), keyed(keySelector), "Reduce");
  }

  /**
   * {@code assignTimestampsAndWatermarks(strategy)}, with periodic watermarks every {@code
   * interval} of processing time (the job's auto-watermark interval): drive them with {@link
   * AbstractOperatorHarness#advanceProcessingTime}.
   */
  public static <T> OneInputOperatorHarness<T, T> forTimestampsAndWatermarks(
      WatermarkStrategy<T> strategy, Duration interval) {
    return oneInput(
        new TimestampsAndWatermarksOperator<>(strategy, interval.toMillis()),
        null,
        "Timestamps/Watermarks");
  }

  /**
   * A window operation, built with the DataStream API: {@code window} gets a stream of {@code
   * inputType} and must end in a window function; the harness runs the window operator that
   * produces, with its key selector, trigger, evictor, lateness and function.
   *
   * <pre>{@code
   * var harness =
   *     OperatorHarness.forWindow(
   *             Types.TUPLE(Types.STRING, Types.INT),
   *             in -> in.keyBy(t -> t.f0).window(TumblingEventTimeWindows.of(ofMillis(10))).sum(1))
   *         .open();
   * }</pre>
   *
   * Window contents live in namespaced state named {@code "window-contents"} (see {@link
   * AbstractOperatorHarness#numNamespacedStateEntries}); late records dropped are counted in {@code
   * "numLateRecordsDropped"}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <IN, OUT> OneInputOperatorHarness<IN, OUT> forWindow(
      TypeInfo<IN> inputType, Function<DataStream<IN>, DataStream<OUT>> window) {
    Objects.requireNonNull(inputType, "inputType");
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    DataStream<OUT> result = window.apply(env.fromCollection(List.of(), inputType));
    if (!(result.getTransformation() instanceof OneInputTransformation<?, ?> t)
        || t.getKind() != OperatorKind.WINDOW) {
      throw new IllegalArgumentException(
          "forWindow needs a function that ends in a window function, such as"
              + " in -> in.keyBy(...).window(...).reduce(...); it ended in "
              + result.getTransformation());
    }
    for (Transformation<?> in : t.getInputs()) {
      Transformation<?> producer = in instanceof PartitionTransformation<?> p ? p.getInput() : in;
      if (producer instanceof OneInputTransformation<?, ?> pre
          && pre.getKind() == OperatorKind.WINDOW_PRE_AGGREGATE) {
        throw new IllegalArgumentException(
            "forWindow tests one window operator, but this windowAll(...) runs as two: each input"
                + " subtask pre-aggregates, then one subtask merges the partials (see"
                + " AllWindowedStream). Test it as a job (e.g. with executeAndCollect), or test the"
                + " same function on a keyed window: in -> in.keyBy(x -> 0).window(...)");
      }
    }
    StreamOperator<OUT> operator =
        (StreamOperator<OUT>) WindowOperators.create((WindowSpec) t.getFunction());
    OneInputOperatorHarness<IN, OUT> harness =
        oneInput(operator, (KeySelector) t.getKeySelector(), t.getName());
    return t.getKeyType() != null && t.getKeyType().isComplete()
        ? harness.withKeyType(t.getKeyType())
        : harness;
  }

  // ---- two inputs ----

  public static <IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forCoMap(
      CoMapFunction<IN1, IN2, OUT> function) {
    return new TwoInputOperatorHarness<>(new CoMapOperator<>(function), null, null, "CoMap");
  }

  public static <IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forCoFlatMap(
      CoFlatMapFunction<IN1, IN2, OUT> function) {
    return new TwoInputOperatorHarness<>(
        new CoFlatMapOperator<>(function), null, null, "CoFlatMap");
  }

  public static <IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forCoProcess(
      CoProcessFunction<IN1, IN2, OUT> function) {
    return new TwoInputOperatorHarness<>(
        new CoProcessOperator<>(function), null, null, "CoProcess");
  }

  /** A keyed co-process function; the key selectors give each input's keys, as {@code keyBy}. */
  public static <K, IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forKeyedCoProcess(
      KeyedCoProcessFunction<K, IN1, IN2, OUT> function,
      KeySelector<IN1, K> keySelector1,
      KeySelector<IN2, K> keySelector2) {
    return new TwoInputOperatorHarness<>(
        new KeyedCoProcessOperator<>(function),
        keyed(keySelector1),
        keyed(keySelector2),
        "KeyedCoProcess");
  }

  /** A broadcast process function; input 2 is the broadcast side. */
  public static <IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forBroadcastProcess(
      BroadcastProcessFunction<IN1, IN2, OUT> function,
      MapStateDescriptor<?, ?>... broadcastStates) {
    return new TwoInputOperatorHarness<>(
        new BroadcastProcessOperator<IN1, IN2, OUT>(
            new BroadcastSpec(function, List.of(broadcastStates))),
        null,
        null,
        "Broadcast Process");
  }

  /**
   * A keyed broadcast process function: input 1 is keyed by {@code keySelector}, input 2 is the
   * broadcast side.
   */
  public static <K, IN1, IN2, OUT> TwoInputOperatorHarness<IN1, IN2, OUT> forKeyedBroadcastProcess(
      KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
      KeySelector<IN1, K> keySelector,
      MapStateDescriptor<?, ?>... broadcastStates) {
    return new TwoInputOperatorHarness<>(
        new KeyedBroadcastProcessOperator<K, IN1, IN2, OUT>(
            new BroadcastSpec(function, List.of(broadcastStates))),
        keyed(keySelector),
        null,
        "Keyed Broadcast Process");
  }

  private static <IN, OUT> OneInputOperatorHarness<IN, OUT> oneInput(
      StreamOperator<OUT> operator, KeySelector<IN, ?> keySelector, String name) {
    return new OneInputOperatorHarness<>(operator, keySelector, name);
  }

  private static <T, K> KeySelector<T, K> keyed(KeySelector<T, K> keySelector) {
    return Objects.requireNonNull(keySelector, "keySelector");
  }
}
