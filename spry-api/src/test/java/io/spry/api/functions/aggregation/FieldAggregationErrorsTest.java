package io.spry.api.functions.aggregation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.aggregation.FieldAggregation.Kind;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every build-time error names the call, the type, and what to do. */
class FieldAggregationErrorsTest {
  private static final TypeInfo<Tuple2<String, Integer>> WORD_COUNT =
      Types.TUPLE(Types.STRING, Types.INT);

  public record Bid(String bidder, long price, List<String> tags) {}

  public static class Reading {
    public String sensor;
    public double value;
  }

  @Test
  void missingType() {
    TypeInfo<Object> missing =
        new MissingTypeInfo<>(
            Object.class,
            "the output of flatMap at Job.main(Job.java:10)",
            "a lambda hides the type parameter of its Collector");
    assertThatThrownBy(
            () ->
                FieldAggregation.byPosition(
                    Kind.SUM, missing, 1, "sum(1) at Job.main(Job.java:12)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("the output of flatMap at Job.main(Job.java:10)")
        .hasMessageContaining("sum(1) at Job.main(Job.java:12)")
        .hasMessageContaining("Collector")
        .hasMessageContaining(".returns(");
  }

  @Test
  void positionOutOfRange() {
    assertThatThrownBy(
            () ->
                FieldAggregation.byPosition(Kind.SUM, WORD_COUNT, 2, "sum(2) at J.main(J.java:1)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessage(
            "sum(2) at J.main(J.java:1): position 2 is out of range for Tuple2<String, Integer>,"
                + " which has 2 fields (positions 0 to 1)");
    assertThatThrownBy(() -> FieldAggregation.byPosition(Kind.MIN, WORD_COUNT, -1, "min(-1)"))
        .hasMessageContaining("position -1 is out of range");
  }

  @Test
  void unknownFieldNameListsTheFields() {
    assertThatThrownBy(
            () ->
                FieldAggregation.byName(
                    Kind.SUM,
                    TypeInfo.of(Bid.class),
                    "cnt",
                    "sum(\"cnt\") at Job.main(Job.java:12)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageStartingWith("sum(\"cnt\") at Job.main(Job.java:12): Record(")
        .hasMessageContaining("has no field \"cnt\"; its fields are [bidder, price, tags]");
    assertThatThrownBy(() -> FieldAggregation.byName(Kind.SUM, WORD_COUNT, "f2", "sum(\"f2\")"))
        .hasMessageContaining("its fields are [f0, f1]");
  }

  @Test
  void nonNumericFieldForSum() {
    assertThatThrownBy(() -> FieldAggregation.byPosition(Kind.SUM, WORD_COUNT, 0, "sum(0)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining(
            "sum(0): field f0 of Tuple2<String, Integer>, a String, is not a number")
        .hasMessageContaining("sum takes Byte, Short, Integer, Long, Float, Double");
  }

  @Test
  void nonComparableFieldForMinMax() {
    for (Kind kind : List.of(Kind.MIN, Kind.MAX, Kind.MIN_BY, Kind.MAX_BY)) {
      assertThatThrownBy(
              () -> FieldAggregation.byName(kind, TypeInfo.of(Bid.class), "tags", kind.call()))
          .isInstanceOf(InvalidTypesException.class)
          .hasMessageContaining("field tags of Record(")
          .hasMessageContaining("a List<String>, is not Comparable")
          .hasMessageContaining(kind.call() + " needs a field with a natural order");
    }
  }

  @Test
  void positionsOnAPojo() {
    assertThatThrownBy(
            () -> FieldAggregation.byPosition(Kind.SUM, TypeInfo.of(Reading.class), 1, "sum(1)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("addressed by name, not by position")
        .hasMessageContaining("[sensor, value]");
  }

  @Test
  void atomicTypesHaveOnlyTheValueItself() {
    assertThatThrownBy(() -> FieldAggregation.byPosition(Kind.SUM, Types.LONG, 1, "sum(1)"))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessage(
            "sum(1): the stream's type Long has no fields; use position 0 or \"*\" to aggregate"
                + " the values themselves");
    assertThatThrownBy(
            () -> FieldAggregation.byName(Kind.MAX, Types.LONG, "count", "max(\"count\")"))
        .hasMessageContaining("has no field \"count\"")
        .hasMessageContaining("use \"*\"");
    assertThatThrownBy(() -> FieldAggregation.byPosition(Kind.SUM, Types.STRING, 0, "sum(0)"))
        .hasMessageContaining("the stream's type String is not a number");
  }
}
