package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.tuple.Tuple2;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output types of lambdas and method references. */
class TypeExtractorLambdasTest {
  private static final String WHAT = "the output of map at WordCount.main(WordCount.java:42)";

  public record Bid(long auction, long price) {}

  private static <I, O> TypeInfo<O> mapOutput(MapFunction<I, O> f, TypeInfo<I> input) {
    return TypeExtractor.outputType(f, MapFunction.class, 1, new TypeInfo<?>[] {input}, WHAT);
  }

  @Test
  void lambdaReturningString() {
    assertThat(mapOutput((String s) -> s.toUpperCase(), Types.STRING)).isEqualTo(Types.STRING);
  }

  @Test
  void lambdaReturningIntegerOrIntBoxes() {
    assertThat(mapOutput((String s) -> Integer.valueOf(s.length()), Types.STRING))
        .isEqualTo(Types.INT);
    assertThat(mapOutput((String s) -> s.length(), Types.STRING)).isEqualTo(Types.INT);
  }

  @Test
  void lambdaCapturingVariables() {
    long offset = 5;
    assertThat(mapOutput((Long v) -> v + offset, Types.LONG)).isEqualTo(Types.LONG);
  }

  @Test
  void lambdaReturningARecord() {
    TypeInfo<Bid> t = mapOutput((String s) -> new Bid(1, s.length()), Types.STRING);
    assertThat(t).isEqualTo(TypeInfo.of(Bid.class)).isInstanceOf(RecordTypeInfo.class);
  }

  @Test
  void lambdaReturningAPrimitiveArray() {
    assertThat(mapOutput((String s) -> s.getBytes(), Types.STRING))
        .isSameAs(PrimitiveArrayTypeInfo.BYTE_ARRAY);
  }

  @Test
  void methodReferences() {
    assertThat(mapOutput(String::length, Types.STRING)).isEqualTo(Types.INT);
    assertThat(mapOutput(Integer::parseInt, Types.STRING)).isEqualTo(Types.INT);
    assertThat(mapOutput(String::valueOf, Types.INT)).isEqualTo(Types.STRING);
  }

  @Test
  void lambdaReturningATuple2IsMissingWithItsRawClass() {
    TypeInfo<Tuple2<String, Integer>> t = mapOutput((String w) -> Tuple2.of(w, 1), Types.STRING);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(t.getTypeClass()).isEqualTo(Tuple2.class);
    assertThat(((MissingTypeInfo<?>) t).getReason())
        .isEqualTo("the lambda's result type Tuple2 has type parameters that erasure removed");
    assertThatThrownBy(t::createSerializer)
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining(WHAT)
        .hasMessageContaining("Tuple2 has type parameters")
        .hasMessageContaining(".returns(");
  }

  @Test
  void lambdaReturningAListIsMissing() {
    TypeInfo<List<String>> t = mapOutput((String s) -> List.of(s), Types.STRING);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(t.getTypeClass()).isEqualTo(List.class);
  }

  @Test
  void flatMapLambdaHidesItsCollectorsType() {
    FlatMapFunction<String, String> f = (s, out) -> out.collect(s);
    TypeInfo<?> t =
        TypeExtractor.outputType(
            f, FlatMapFunction.class, 1, new TypeInfo<?>[] {Types.STRING}, WHAT);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(t.getTypeClass()).isEqualTo(Object.class);
    assertThat(((MissingTypeInfo<?>) t).getReason())
        .isEqualTo("a lambda hides the type parameter of its Collector");
  }

  @Test
  void keySelectorLambdas() {
    KeySelector<Tuple2<String, Integer>, String> k = t -> t.f0;
    TypeInfo<?> t =
        TypeExtractor.outputType(
            k,
            KeySelector.class,
            1,
            new TypeInfo<?>[] {Types.TUPLE(Types.STRING, Types.INT)},
            "the key of keyBy at Job.main(Job.java:3)");
    assertThat(t).isEqualTo(Types.STRING);
    KeySelector<Bid, Long> byAuction = Bid::auction;
    assertThat(
            TypeExtractor.outputType(
                byAuction, KeySelector.class, 1, new TypeInfo<?>[] {TypeInfo.of(Bid.class)}, WHAT))
        .isEqualTo(Types.LONG);
  }

  @Test
  void reduceLambdaOutputIsItsReturnType() {
    ReduceFunction<Long> r = Long::sum;
    assertThat(TypeExtractor.outputType(r, ReduceFunction.class, 0, new TypeInfo<?>[0], WHAT))
        .isEqualTo(Types.LONG);
  }

  static <T> MapFunction<String, T> generic(T value) {
    return s -> value;
  }

  @Test
  void lambdaInAGenericMethodIsMissingErasedToObject() {
    TypeInfo<Object> t = mapOutput(generic((Object) 1), Types.STRING);
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(((MissingTypeInfo<?>) t).getReason()).contains("erased to Object");
  }

  @Test
  void extractionIsFastEnoughToRunPerApiCall() {
    MapFunction<String, Integer> f = String::length;
    long start = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      mapOutput(f, Types.STRING);
    }
    assertThat((System.nanoTime() - start) / 1000).isLessThan(2_000_000L); // < 2 ms per call
  }
}
