package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.functions.CoGroupFunction;
import io.spry.api.functions.FlatJoinFunction;
import io.spry.api.functions.JoinFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.graph.CallSite;
import io.spry.api.join.CoGroupWindows;
import io.spry.api.join.TaggedUnion;
import io.spry.api.types.DynamicTypeInfo;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.time.Duration;
import java.util.Objects;

/**
 * Two streams grouped by key and window: {@code a.coGroup(b).where(keyA).equalTo(keyB)
 * .window(assigner).apply(coGroupFunction)} gives each key's elements of both inputs in each window
 * to one call. Window joins ({@link DataStream#join}) are built on it. Both inputs go through one
 * window operator, so the window's trigger, evictor and lateness see them as one stream.
 */
@Public
public final class CoGroupedStreams<T1, T2> {
  private final DataStream<T1> first;
  private final DataStream<T2> second;
  private final String kind;

  CoGroupedStreams(DataStream<T1> first, DataStream<T2> second, String kind) {
    this.first = first;
    this.second = second;
    this.kind = kind;
  }

  /** The first input's key. */
  public <K> Where<K> where(KeySelector<T1, K> key) {
    return new Where<>(Objects.requireNonNull(key, "key"));
  }

  /** The first input's key is chosen; now the second's. */
  public final class Where<K> {
    private final KeySelector<T1, K> key1;

    private Where(KeySelector<T1, K> key1) {
      this.key1 = key1;
    }

    /** The second input's key: elements whose keys are equal meet. */
    public EqualTo equalTo(KeySelector<T2, K> key2) {
      return new EqualTo(Objects.requireNonNull(key2, "key"));
    }

    /** Both keys are chosen; now the windows. */
    public final class EqualTo {
      private final KeySelector<T2, K> key2;

      private EqualTo(KeySelector<T2, K> key2) {
        this.key2 = key2;
      }

      public <W extends Window> WithWindow<W> window(
          WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
        return new WithWindow<>(key2, assigner, null, null, null);
      }
    }

    /**
     * Keys and windows are chosen; triggers, evictors and lateness may be set, then the function.
     */
    public final class WithWindow<W extends Window> {
      private final KeySelector<T2, K> key2;
      private final WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner;
      private final Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger;
      private final Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor;
      private final Duration lateness;

      private WithWindow(
          KeySelector<T2, K> key2,
          WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner,
          Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger,
          Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor,
          Duration lateness) {
        this.key2 = key2;
        this.assigner = Objects.requireNonNull(assigner, "assigner");
        this.trigger = trigger;
        this.evictor = evictor;
        this.lateness = lateness;
      }

      public WithWindow<W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> t) {
        return new WithWindow<>(key2, assigner, t, evictor, lateness);
      }

      public WithWindow<W> evictor(Evictor<? super TaggedUnion<T1, T2>, ? super W> e) {
        return new WithWindow<>(key2, assigner, trigger, e, lateness);
      }

      public WithWindow<W> allowedLateness(Duration d) {
        return new WithWindow<>(key2, assigner, trigger, evictor, d);
      }

      /** Co-groups each key's elements of both inputs per window. */
      public <OUT> SingleOutputStream<OUT> apply(CoGroupFunction<T1, T2, OUT> function) {
        String site = CallSite.capture();
        TypeInfo<OUT> out =
            TypeExtractor.outputType(
                function,
                CoGroupFunction.class,
                2,
                new TypeInfo<?>[] {first.getType(), second.getType()},
                "the output of " + kind + " at " + site);
        return build(function, out);
      }

      public <OUT> SingleOutputStream<OUT> apply(
          CoGroupFunction<T1, T2, OUT> function, TypeInfo<OUT> outputType) {
        return build(function, outputType);
      }

      /** Joins every pair of elements of the two inputs with equal keys in one window. */
      public <OUT> SingleOutputStream<OUT> apply(JoinFunction<T1, T2, OUT> function) {
        String site = CallSite.capture();
        TypeInfo<OUT> out =
            TypeExtractor.outputType(
                function,
                JoinFunction.class,
                2,
                new TypeInfo<?>[] {first.getType(), second.getType()},
                "the output of " + kind + " at " + site);
        return build(new CoGroupWindows.Join<>(function), out);
      }

      public <OUT> SingleOutputStream<OUT> apply(
          JoinFunction<T1, T2, OUT> function, TypeInfo<OUT> outputType) {
        return build(new CoGroupWindows.Join<>(function), outputType);
      }

      /** Like {@link #apply(JoinFunction)} with zero or more outputs per pair. */
      public <OUT> SingleOutputStream<OUT> apply(FlatJoinFunction<T1, T2, OUT> function) {
        String site = CallSite.capture();
        TypeInfo<OUT> out =
            TypeExtractor.outputType(
                function,
                FlatJoinFunction.class,
                2,
                new TypeInfo<?>[] {first.getType(), second.getType()},
                "the output of " + kind + " at " + site);
        return build(new CoGroupWindows.FlatJoin<>(function), out);
      }

      @SuppressWarnings({"unchecked", "rawtypes"})
      private <OUT> SingleOutputStream<OUT> build(
          CoGroupFunction<T1, T2, OUT> function, TypeInfo<OUT> outputType) {
        TypeInfo<TaggedUnion<T1, T2>> tagged = (TypeInfo) new DynamicTypeInfo<>(TaggedUnion.class);
        DataStream<TaggedUnion<T1, T2>> one =
            first.map(CoGroupWindows.<T1, T2>tagOne(), tagged).name(kind + ": tag first input");
        DataStream<TaggedUnion<T1, T2>> two =
            second.map(CoGroupWindows.<T1, T2>tagTwo(), tagged).name(kind + ": tag second input");
        WindowedStream<TaggedUnion<T1, T2>, K, W> windowed =
            one.union(two).keyBy(CoGroupWindows.key(key1, key2)).window(assigner);
        if (trigger != null) {
          windowed = windowed.trigger(trigger);
        }
        if (evictor != null) {
          windowed = windowed.evictor(evictor);
        }
        if (lateness != null) {
          windowed = windowed.allowedLateness(lateness);
        }
        return windowed
            .apply(new CoGroupWindows.Apply<T1, T2, OUT, K, W>(function))
            .returns(outputType)
            .name(kind);
      }
    }
  }
}
