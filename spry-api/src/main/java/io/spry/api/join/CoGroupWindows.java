package io.spry.api.join;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.CoGroupFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatJoinFunction;
import io.spry.api.functions.JoinFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.MapFunction;
import io.spry.api.windowing.functions.WindowFunction;
import io.spry.api.windowing.windows.Window;
import java.util.ArrayList;
import java.util.List;

/** The functions that build window joins and co-groups out of a tagged union and a window. */
@Internal
public final class CoGroupWindows {
  private CoGroupWindows() {}

  /** Wraps elements of the first input. */
  public static <T1, T2> MapFunction<T1, TaggedUnion<T1, T2>> tagOne() {
    return TaggedUnion::one;
  }

  /** Wraps elements of the second input. */
  public static <T1, T2> MapFunction<T2, TaggedUnion<T1, T2>> tagTwo() {
    return TaggedUnion::two;
  }

  /** The key of a tagged element, by its own input's key selector. */
  public static <T1, T2, K> KeySelector<TaggedUnion<T1, T2>, K> key(
      KeySelector<T1, K> key1, KeySelector<T2, K> key2) {
    return t -> t.isOne() ? key1.getKey(t.one()) : key2.getKey(t.two());
  }

  /** Splits a window's elements by input and hands both groups to the co-group function. */
  public static final class Apply<T1, T2, OUT, K, W extends Window>
      implements WindowFunction<TaggedUnion<T1, T2>, OUT, K, W> {
    private final CoGroupFunction<T1, T2, OUT> function;

    public Apply(CoGroupFunction<T1, T2, OUT> function) {
      this.function = function;
    }

    @Override
    public void apply(K key, W window, Iterable<TaggedUnion<T1, T2>> input, Collector<OUT> out)
        throws Exception {
      List<T1> first = new ArrayList<>();
      List<T2> second = new ArrayList<>();
      for (TaggedUnion<T1, T2> t : input) {
        if (t.isOne()) {
          first.add(t.one());
        } else {
          second.add(t.two());
        }
      }
      function.coGroup(first, second, out);
    }
  }

  /** A join as a co-group: every pair of the two groups. */
  public static final class Join<T1, T2, OUT> implements CoGroupFunction<T1, T2, OUT> {
    private final JoinFunction<T1, T2, OUT> join;

    public Join(JoinFunction<T1, T2, OUT> join) {
      this.join = join;
    }

    @Override
    public void coGroup(Iterable<T1> first, Iterable<T2> second, Collector<OUT> out)
        throws Exception {
      for (T1 a : first) {
        for (T2 b : second) {
          out.collect(join.join(a, b));
        }
      }
    }
  }

  /** A flat join as a co-group. */
  public static final class FlatJoin<T1, T2, OUT> implements CoGroupFunction<T1, T2, OUT> {
    private final FlatJoinFunction<T1, T2, OUT> join;

    public FlatJoin(FlatJoinFunction<T1, T2, OUT> join) {
      this.join = join;
    }

    @Override
    public void coGroup(Iterable<T1> first, Iterable<T2> second, Collector<OUT> out)
        throws Exception {
      for (T1 a : first) {
        for (T2 b : second) {
          join.join(a, b, out);
        }
      }
    }
  }
}
