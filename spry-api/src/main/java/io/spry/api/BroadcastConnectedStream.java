package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.BroadcastProcessFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedBroadcastProcessFunction;
import io.spry.api.graph.BroadcastSpec;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.TwoInputTransformation;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/**
 * A stream connected with a broadcast stream. On a keyed stream use a {@link
 * KeyedBroadcastProcessFunction} (keyed state and timers on the keyed side), otherwise a {@link
 * BroadcastProcessFunction}.
 */
@Public
public final class BroadcastConnectedStream<IN1, IN2> {
  private final StreamEnvironment env;
  private final DataStream<IN1> nonBroadcast;
  private final BroadcastStream<IN2> broadcast;

  BroadcastConnectedStream(
      StreamEnvironment env, DataStream<IN1> nonBroadcast, BroadcastStream<IN2> broadcast) {
    this.env = env;
    this.nonBroadcast = nonBroadcast;
    this.broadcast = broadcast;
  }

  public <OUT> SingleOutputStream<OUT> process(BroadcastProcessFunction<IN1, IN2, OUT> function) {
    String site = CallSite.capture();
    TypeInfo<OUT> out =
        TypeExtractor.outputType(
            function,
            BroadcastProcessFunction.class,
            2,
            new TypeInfo<?>[] {nonBroadcast.getType(), broadcast.stream().getType()},
            "the output of process at " + site);
    return transform(OperatorKind.BROADCAST_PROCESS, function, out, site);
  }

  public <K, OUT> SingleOutputStream<OUT> process(
      KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
    String site = CallSite.capture();
    TypeInfo<OUT> out =
        TypeExtractor.outputType(
            function,
            KeyedBroadcastProcessFunction.class,
            3,
            new TypeInfo<?>[] {
              nonBroadcast.keyType(), nonBroadcast.getType(), broadcast.stream().getType()
            },
            "the output of process at " + site);
    return transform(OperatorKind.KEYED_BROADCAST_PROCESS, function, out, site);
  }

  public <OUT> SingleOutputStream<OUT> process(
      BroadcastProcessFunction<IN1, IN2, OUT> function, TypeInfo<OUT> outputType) {
    return transform(OperatorKind.BROADCAST_PROCESS, function, outputType, CallSite.capture());
  }

  public <K, OUT> SingleOutputStream<OUT> process(
      KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function, TypeInfo<OUT> outputType) {
    return transform(
        OperatorKind.KEYED_BROADCAST_PROCESS, function, outputType, CallSite.capture());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <OUT> SingleOutputStream<OUT> transform(
      OperatorKind kind, Object function, TypeInfo<OUT> outputType, String site) {
    Objects.requireNonNull(function, "function");
    boolean keyed = nonBroadcast instanceof KeyedStream;
    if (kind == OperatorKind.BROADCAST_PROCESS && keyed) {
      throw new IllegalArgumentException(
          "process(BroadcastProcessFunction) at "
              + site
              + ": the stream is keyed, so use a KeyedBroadcastProcessFunction");
    }
    if (kind == OperatorKind.KEYED_BROADCAST_PROCESS && !keyed) {
      throw new IllegalArgumentException(
          "process(KeyedBroadcastProcessFunction) at "
              + site
              + ": the non-broadcast stream is not keyed; call keyBy(...) before connect(...), or"
              + " use a BroadcastProcessFunction");
    }
    TwoInputTransformation<IN1, IN2, OUT> t =
        new TwoInputTransformation<>(
            env.nextId(),
            kind.defaultName(),
            nonBroadcast.getTransformation(),
            broadcast.stream().getTransformation(),
            kind,
            new BroadcastSpec(function, broadcast.getDescriptors()),
            outputType,
            (KeySelector) nonBroadcast.keySelector(),
            null,
            nonBroadcast.keyType(),
            site);
    env.register(t);
    return new SingleOutputStream<>(env, t);
  }
}
