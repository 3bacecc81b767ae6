package io.spry.api.functions.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.tuple.Tuple;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private static final TypeInfo<Tuple3<String, Long, Double>> INPUT =
      Types.TUPLE(Types.STRING, Types.LONG, Types.DOUBLE);

  @Test
  void picksFieldsInTheGivenOrderWithRepeats() {
    Projection<Tuple3<String, Long, Double>, Tuple3<Double, String, Double>> p =
        Projection.of(INPUT, new int[] {2, 0, 2}, "project at J.main(J.java:1)");
    Tuple3<String, Long, Double> in = Tuple3.of("a", 1L, 2.5);
    assertThat(p.map(in)).isEqualTo(Tuple3.of(2.5, "a", 2.5));
    assertThat(in).isEqualTo(Tuple3.of("a", 1L, 2.5));
    assertThat(p.getOutputType()).isEqualTo(Types.TUPLE(Types.DOUBLE, Types.STRING, Types.DOUBLE));
  }

  @Test
  void singleFieldGivesATuple1() {
    Projection<Tuple3<String, Long, Double>, Tuple> p = Projection.of(INPUT, new int[] {1}, "p");
    assertThat(p.getOutputType().toString()).isEqualTo("Tuple1<Long>");
    assertThat((Long) p.map(Tuple3.of("a", 7L, 0.0)).getField(0)).isEqualTo(7L);
  }

  @Test
  void rawTupleInputGivesAMissingOutputNamingTheProjection() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInfo<Tuple2<String, Integer>> raw =
        new MissingTypeInfo(Tuple2.class, "the output of map at J.main(J.java:3)", "erased");
    Projection<Tuple2<String, Integer>, Tuple> p =
        Projection.of(raw, new int[] {1, 0}, "project at J.main(J.java:4)");
    assertThat(p.map(Tuple2.of("a", 1))).isEqualTo(Tuple2.of(1, "a"));
    assertThat(p.getOutputType().isComplete()).isFalse();
    assertThatThrownBy(() -> p.getOutputType().createSerializer())
        .hasMessageContaining("project at J.main(J.java:4)")
        .hasMessageContaining(".returns(");
  }

  @Test
  void errors() {
    assertThatThrownBy(
            () -> Projection.of(Types.LONG, new int[] {0}, "project at J.main(J.java:1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("project at J.main(J.java:1)")
        .hasMessageContaining("works on streams of Spry tuples")
        .hasMessageContaining("this stream's type is Long");
    assertThatThrownBy(() -> Projection.of(INPUT, new int[] {0, 3}, "project"))
        .hasMessage(
            "project: position 3 is out of range for Tuple3<String, Long, Double>, which has 3"
                + " fields (positions 0 to 2)");
    assertThatThrownBy(() -> Projection.of(INPUT, new int[0], "project"))
        .hasMessageContaining("at least one field");
    assertThatThrownBy(() -> Projection.of(INPUT, new int[26], "project"))
        .hasMessageContaining("at most 25 fields, but 26 positions were given");
    TypeInfo<Object> missing = new MissingTypeInfo<>(Object.class, "the output of flatMap", "r");
    assertThatThrownBy(() -> Projection.of(missing, new int[] {0}, "project"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("the output of flatMap");
  }
}
