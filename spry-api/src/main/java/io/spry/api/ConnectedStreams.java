package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.CoFlatMapFunction;
import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.CoProcessFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.TwoInputTransformation;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/**
 * Two streams, possibly of different types, processed together by one two-input function that can
 * share state between them.
 */
@Public
public final class ConnectedStreams<T1, T2> {
  private final StreamEnvironment env;
  private final DataStream<T1> first;
  private final DataStream<T2> second;

  ConnectedStreams(StreamEnvironment env, DataStream<T1> first, DataStream<T2> second) {
    this.env = env;
    this.first = first;
    this.second = second;
  }

  public DataStream<T1> getFirstInput() {
    return first;
  }

  public DataStream<T2> getSecondInput() {
    return second;
  }

  /** Keys both inputs by keys of the same type, so that equal keys meet in one subtask. */
  public <K> ConnectedStreams<T1, T2> keyBy(KeySelector<T1, K> key1, KeySelector<T2, K> key2) {
    return new ConnectedStreams<>(env, first.keyBy(key1), second.keyBy(key2));
  }

  public <R> SingleOutputStream<R> map(CoMapFunction<T1, T2, R> mapper) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.CO_MAP, mapper, outputType(mapper, CoMapFunction.class, 2, "map", site), site);
  }

  public <R> SingleOutputStream<R> map(CoMapFunction<T1, T2, R> mapper, TypeInfo<R> outputType) {
    return transform(OperatorKind.CO_MAP, mapper, outputType, CallSite.capture());
  }

  public <R> SingleOutputStream<R> flatMap(CoFlatMapFunction<T1, T2, R> flatMapper) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.CO_FLAT_MAP,
        flatMapper,
        outputType(flatMapper, CoFlatMapFunction.class, 2, "flatMap", site),
        site);
  }

  public <R> SingleOutputStream<R> flatMap(
      CoFlatMapFunction<T1, T2, R> flatMapper, TypeInfo<R> outputType) {
    return transform(OperatorKind.CO_FLAT_MAP, flatMapper, outputType, CallSite.capture());
  }

  public <R> SingleOutputStream<R> process(CoProcessFunction<T1, T2, R> function) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.CO_PROCESS,
        function,
        outputType(function, CoProcessFunction.class, 2, "process", site),
        site);
  }

  public <R> SingleOutputStream<R> process(
      CoProcessFunction<T1, T2, R> function, TypeInfo<R> outputType) {
    return transform(OperatorKind.CO_PROCESS, function, outputType, CallSite.capture());
  }

  /** A keyed two-input process function; both inputs must be keyed (see {@link #keyBy}). */
  public <K, R> SingleOutputStream<R> process(KeyedCoProcessFunction<K, T1, T2, R> function) {
    String site = CallSite.capture();
    TypeInfo<R> out =
        TypeExtractor.outputType(
            function,
            KeyedCoProcessFunction.class,
            3,
            new TypeInfo<?>[] {first.keyType(), first.getType(), second.getType()},
            "the output of process at " + site);
    return transform(OperatorKind.KEYED_CO_PROCESS, function, out, site);
  }

  public <K, R> SingleOutputStream<R> process(
      KeyedCoProcessFunction<K, T1, T2, R> function, TypeInfo<R> outputType) {
    return transform(OperatorKind.KEYED_CO_PROCESS, function, outputType, CallSite.capture());
  }

  private <R> TypeInfo<R> outputType(
      Object function, Class<?> iface, int outputParam, String op, String site) {
    return TypeExtractor.outputType(
        function,
        iface,
        outputParam,
        new TypeInfo<?>[] {first.getType(), second.getType()},
        "the output of " + op + " at " + site);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <R> SingleOutputStream<R> transform(
      OperatorKind kind, Object function, TypeInfo<R> outputType, String site) {
    Objects.requireNonNull(function, kind.defaultName() + " function");
    boolean keyed1 = first instanceof KeyedStream;
    boolean keyed2 = second instanceof KeyedStream;
    if (keyed1 != keyed2) {
      throw new IllegalArgumentException(
          kind.defaultName()
              + " at "
              + site
              + ": either both connected streams are keyed or neither is; key both with"
              + " connect(...).keyBy(key1, key2)");
    }
    if (kind == OperatorKind.KEYED_CO_PROCESS && !keyed1) {
      throw new IllegalArgumentException(
          "process(KeyedCoProcessFunction) at "
              + site
              + " needs keyed inputs: call connect(...).keyBy(key1, key2) first");
    }
    if (keyed1) {
      TypeInfo<?> k1 = first.keyType();
      TypeInfo<?> k2 = second.keyType();
      if (k1.isComplete() && k2.isComplete() && !k1.getTypeClass().equals(k2.getTypeClass())) {
        throw new InvalidTypesException(
            kind.defaultName()
                + " at "
                + site
                + ": the two inputs are keyed by different types ("
                + k1.getTypeClass().getName()
                + " and "
                + k2.getTypeClass().getName()
                + "); equal keys must meet, so the key types must be the same");
      }
    }
    TwoInputTransformation<T1, T2, R> t =
        new TwoInputTransformation<>(
            env.nextId(),
            kind.defaultName(),
            first.getTransformation(),
            second.getTransformation(),
            kind,
            function,
            outputType,
            (KeySelector) first.keySelector(),
            (KeySelector) second.keySelector(),
            first.keyType(),
            site);
    env.register(t);
    return new SingleOutputStream<>(env, t);
  }
}
