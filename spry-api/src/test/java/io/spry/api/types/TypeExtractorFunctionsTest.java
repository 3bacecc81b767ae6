package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.RichMapFunction;
import io.spry.api.functions.SourceFunction;
import io.spry.api.tuple.Tuple2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output types of functions implemented as classes. */
class TypeExtractorFunctionsTest {
  private static final String WHAT = "the output of map at Job.main(Job.java:42)";

  public record Bid(long auction, long price) {}

  static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
    @Override
    public void flatMap(String value, Collector<Tuple2<String, Integer>> out) {}
  }

  static final class Identity<T> implements MapFunction<T, T> {
    @Override
    public T map(T value) {
      return value;
    }
  }

  static final class Wrap<T> implements MapFunction<T, List<T>> {
    @Override
    public List<T> map(T value) {
      return List.of(value);
    }
  }

  static final class FirstOfPair<A, B> implements MapFunction<Tuple2<A, B>, A> {
    @Override
    public A map(Tuple2<A, B> value) {
      return value.f0;
    }
  }

  abstract static class ToOutput<O> implements MapFunction<String, O> {}

  static final class ToLong extends ToOutput<Long> {
    @Override
    public Long map(String value) {
      return 1L;
    }
  }

  static final class Words implements SourceFunction<String> {
    @Override
    public void run(SourceContext<String> ctx) {}

    @Override
    public void cancel() {}
  }

  static final class Parse extends RichMapFunction<String, Map<String, Bid>> {
    @Override
    public Map<String, Bid> map(String value) {
      return Map.of();
    }
  }

  private static TypeInfo<?> output(
      Object f, Class<?> iface, int outputParam, TypeInfo<?>... inputs) {
    return TypeExtractor.outputType(f, iface, outputParam, inputs, WHAT);
  }

  @Test
  void namedClass() {
    assertThat(output(new Tokenizer(), FlatMapFunction.class, 1, Types.STRING))
        .isEqualTo(Types.TUPLE(Types.STRING, Types.INT));
  }

  @Test
  void anonymousClass() {
    MapFunction<String, Integer> f =
        new MapFunction<>() {
          @Override
          public Integer map(String value) {
            return value.length();
          }
        };
    assertThat(output(f, MapFunction.class, 1, Types.STRING)).isEqualTo(Types.INT);
  }

  @Test
  void abstractClassesLikeProcessFunction() {
    ProcessFunction<String, Long> p =
        new ProcessFunction<>() {
          @Override
          public void processElement(String value, Context ctx, Collector<Long> out) {}
        };
    assertThat(output(p, ProcessFunction.class, 1, Types.STRING)).isEqualTo(Types.LONG);

    KeyedProcessFunction<String, Bid, Tuple2<Long, Bid>> k =
        new KeyedProcessFunction<>() {
          @Override
          public void processElement(Bid value, Context ctx, Collector<Tuple2<Long, Bid>> out) {}
        };
    assertThat(output(k, KeyedProcessFunction.class, 2, Types.STRING, TypeInfo.of(Bid.class)))
        .isEqualTo(Types.TUPLE(Types.LONG, TypeInfo.of(Bid.class)));
  }

  @Test
  void throughAGenericAbstractSuperclass() {
    assertThat(output(new ToLong(), MapFunction.class, 1, Types.STRING)).isEqualTo(Types.LONG);
    assertThat(output(new Parse(), MapFunction.class, 1, Types.STRING).toString())
        .startsWith("Map<String, Record(");
  }

  @Test
  void typeVariablesOfTheFunctionAreBoundFromTheInputs() {
    assertThat(output(new Identity<String>(), MapFunction.class, 1, Types.STRING))
        .isEqualTo(Types.STRING);
    assertThat(output(new Wrap<Integer>(), MapFunction.class, 1, Types.INT))
        .isEqualTo(Types.LIST(Types.INT));
    assertThat(
            output(
                new FirstOfPair<String, Long>(),
                MapFunction.class,
                1,
                Types.TUPLE(Types.STRING, Types.LONG)))
        .isEqualTo(Types.STRING);
  }

  @Test
  void anUnboundTypeVariableIsMissingAndNamesWhere() {
    TypeInfo<?> t = output(new Identity<String>(), MapFunction.class, 1, (TypeInfo<?>) null);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    MissingTypeInfo<?> m = (MissingTypeInfo<?>) t;
    assertThat(m.getWhat()).isEqualTo(WHAT);
    assertThat(m.getReason()).contains("type variable T").contains("Identity");
    assertThat(m.error("a serializer").getMessage()).contains(WHAT).contains(".returns(");
  }

  @Test
  void sourceFunctionsByTheirClass() {
    assertThat(output(new Words(), SourceFunction.class, 0)).isEqualTo(Types.STRING);
  }

  @Test
  void coMapFunctionOutputIsTheThirdParameter() {
    CoMapFunction<String, Integer, Long> f =
        new CoMapFunction<>() {
          @Override
          public Long map1(String value) {
            return 1L;
          }

          @Override
          public Long map2(Integer value) {
            return 2L;
          }
        };
    assertThat(output(f, CoMapFunction.class, 2, Types.STRING, Types.INT)).isEqualTo(Types.LONG);
  }

  @Test
  void keySelectorClass() {
    KeySelector<Bid, Long> k =
        new KeySelector<>() {
          @Override
          public Long getKey(Bid value) {
            return value.auction();
          }
        };
    assertThat(output(k, KeySelector.class, 1, TypeInfo.of(Bid.class))).isEqualTo(Types.LONG);
  }

  @Test
  void neverThrowsEvenForNonsense() {
    TypeInfo<?> t = output("not a function", MapFunction.class, 1, Types.STRING);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(((MissingTypeInfo<?>) t).getWhat()).isEqualTo(WHAT);
  }
}
