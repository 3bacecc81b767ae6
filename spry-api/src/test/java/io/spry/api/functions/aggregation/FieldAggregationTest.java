package io.spry.api.functions.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.aggregation.FieldAggregation.Kind;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FieldAggregationTest {
  private static final String WHERE = "sum(1) at Job.main(Job.java:12)";
  private static final TypeInfo<Tuple2<String, Integer>> WORD_COUNT =
      Types.TUPLE(Types.STRING, Types.INT);

  public record Bid(String bidder, long price, int quantity) {}

  public static class Reading {
    public String sensor;
    public double value;
    public Integer seq;

    public Reading() {}

    Reading(String sensor, double value, Integer seq) {
      this.sensor = sensor;
      this.value = value;
      this.seq = seq;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reading r
          && Objects.equals(r.sensor, sensor)
          && r.value == value
          && Objects.equals(r.seq, seq);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sensor, value, seq);
    }

    @Override
    public String toString() {
      return sensor + "/" + value + "/" + seq;
    }
  }

  /** Runs the reduce the way a keyed operator does: the first record is the first result. */
  static <T> List<T> rolling(FieldAggregation<T> agg, List<T> records) throws Exception {
    List<T> results = new ArrayList<>();
    T acc = null;
    for (T r : records) {
      acc = acc == null ? r : agg.reduce(acc, r);
      results.add(acc);
    }
    return results;
  }

  private static List<Tuple2<String, Integer>> copies(List<Tuple2<String, Integer>> records) {
    List<Tuple2<String, Integer>> c = new ArrayList<>();
    for (Tuple2<String, Integer> t : records) {
      c.add(t.copy());
    }
    return c;
  }

  private static List<Tuple2<String, Integer>> tuples(List<Integer> values) {
    List<Tuple2<String, Integer>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(Tuple2.of("r" + i, values.get(i)));
    }
    return records;
  }

  @Property
  void tupleSumKeepsTheFirstRecordsOtherFields(@ForAll @NotEmpty List<Integer> values)
      throws Exception {
    List<Tuple2<String, Integer>> records = tuples(values);
    List<Tuple2<String, Integer>> before = copies(records);
    List<Tuple2<String, Integer>> results =
        rolling(FieldAggregation.byPosition(Kind.SUM, WORD_COUNT, 1, WHERE), records);
    int sum = 0;
    for (int i = 0; i < values.size(); i++) {
      sum += values.get(i);
      assertThat(results.get(i)).isEqualTo(Tuple2.of("r0", sum));
    }
    assertThat(records).isEqualTo(before); // inputs unchanged
  }

  @Property
  void tupleMinAndMaxKeepTheFirstRecordsOtherFields(@ForAll @NotEmpty List<Integer> values)
      throws Exception {
    List<Tuple2<String, Integer>> records = tuples(values);
    List<Tuple2<String, Integer>> before = copies(records);
    List<Tuple2<String, Integer>> mins =
        rolling(FieldAggregation.byPosition(Kind.MIN, WORD_COUNT, 1, WHERE), records);
    List<Tuple2<String, Integer>> maxs =
        rolling(FieldAggregation.byName(Kind.MAX, WORD_COUNT, "f1", WHERE), records);
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < values.size(); i++) {
      min = Math.min(min, values.get(i));
      max = Math.max(max, values.get(i));
      assertThat(mins.get(i)).isEqualTo(Tuple2.of("r0", min));
      assertThat(maxs.get(i)).isEqualTo(Tuple2.of("r0", max));
    }
    assertThat(records).isEqualTo(before);
  }

  @Property
  void tupleMinByAndMaxByEmitTheFirstRecordWithTheExtremeValue(
      @ForAll @NotEmpty @Size(max = 30) List<@IntRange(min = 0, max = 5) Integer> values)
      throws Exception {
    List<Tuple2<String, Integer>> records = tuples(values); // small range: many ties
    List<Tuple2<String, Integer>> minBys =
        rolling(FieldAggregation.byPosition(Kind.MIN_BY, WORD_COUNT, 1, WHERE), records);
    List<Tuple2<String, Integer>> maxBys =
        rolling(FieldAggregation.byPosition(Kind.MAX_BY, WORD_COUNT, 1, WHERE), records);
    for (int i = 0; i < values.size(); i++) {
      int minAt = 0;
      int maxAt = 0;
      for (int j = 1; j <= i; j++) {
        if (values.get(j) < values.get(minAt)) {
          minAt = j;
        }
        if (values.get(j) > values.get(maxAt)) {
          maxAt = j;
        }
      }
      assertThat(minBys.get(i)).isSameAs(records.get(minAt));
      assertThat(maxBys.get(i)).isSameAs(records.get(maxAt));
    }
  }

  @Test
  void recordsByNameAndByPosition() throws Exception {
    TypeInfo<Bid> type = TypeInfo.of(Bid.class);
    List<Bid> bids = List.of(new Bid("a", 5, 1), new Bid("b", 3, 2), new Bid("c", 9, 3));
    assertThat(rolling(FieldAggregation.byName(Kind.SUM, type, "price", WHERE), bids))
        .containsExactly(new Bid("a", 5, 1), new Bid("a", 8, 1), new Bid("a", 17, 1));
    assertThat(rolling(FieldAggregation.byPosition(Kind.SUM, type, 2, WHERE), bids))
        .containsExactly(new Bid("a", 5, 1), new Bid("a", 5, 3), new Bid("a", 5, 6));
    assertThat(rolling(FieldAggregation.byName(Kind.MIN, type, "price", WHERE), bids))
        .containsExactly(new Bid("a", 5, 1), new Bid("a", 3, 1), new Bid("a", 3, 1));
    assertThat(rolling(FieldAggregation.byName(Kind.MAX, type, "bidder", WHERE), bids))
        .containsExactly(new Bid("a", 5, 1), new Bid("b", 5, 1), new Bid("c", 5, 1));
    assertThat(rolling(FieldAggregation.byName(Kind.MIN_BY, type, "price", WHERE), bids))
        .containsExactly(bids.get(0), bids.get(1), bids.get(1));
    assertThat(rolling(FieldAggregation.byName(Kind.MAX_BY, type, "price", WHERE), bids))
        .containsExactly(bids.get(0), bids.get(0), bids.get(2));
  }

  @Test
  void pojosByName() throws Exception {
    TypeInfo<Reading> type = TypeInfo.of(Reading.class);
    Reading r1 = new Reading("s1", 1.5, 1);
    Reading r2 = new Reading("s2", 0.5, 2);
    Reading r3 = new Reading("s3", 2.0, 3);
    List<Reading> readings = List.of(r1, r2, r3);
    assertThat(rolling(FieldAggregation.byName(Kind.SUM, type, "value", WHERE), readings))
        .containsExactly(r1, new Reading("s1", 2.0, 1), new Reading("s1", 4.0, 1));
    assertThat(rolling(FieldAggregation.byName(Kind.MAX, type, "seq", WHERE), readings))
        .containsExactly(r1, new Reading("s1", 1.5, 2), new Reading("s1", 1.5, 3));
    assertThat(rolling(FieldAggregation.byName(Kind.MIN_BY, type, "value", WHERE), readings))
        .containsExactly(r1, r2, r2);
    assertThat(rolling(FieldAggregation.byName(Kind.MAX_BY, type, "sensor", WHERE), readings))
        .containsExactly(r1, r2, r3);
    // the inputs are unchanged
    assertThat(r1).isEqualTo(new Reading("s1", 1.5, 1));
  }

  @Test
  void nullFieldsAreAbsent() throws Exception {
    TypeInfo<Reading> type = TypeInfo.of(Reading.class);
    Reading r1 = new Reading("s1", 1, null);
    Reading r2 = new Reading("s2", 2, 5);
    Reading r3 = new Reading("s3", 3, null);
    List<Reading> readings = List.of(r1, r2, r3);
    assertThat(rolling(FieldAggregation.byName(Kind.SUM, type, "seq", WHERE), readings))
        .containsExactly(r1, new Reading("s1", 1, 5), new Reading("s1", 1, 5));
    assertThat(rolling(FieldAggregation.byName(Kind.MIN_BY, type, "seq", WHERE), readings))
        .containsExactly(r1, r2, r2);
  }

  @Test
  void atomicValuesAggregateThemselves() throws Exception {
    List<Long> values = List.of(3L, -1L, 7L);
    assertThat(rolling(FieldAggregation.byPosition(Kind.SUM, Types.LONG, 0, WHERE), values))
        .containsExactly(3L, 2L, 9L);
    assertThat(rolling(FieldAggregation.byName(Kind.MIN, Types.LONG, "*", WHERE), values))
        .containsExactly(3L, -1L, -1L);
    assertThat(rolling(FieldAggregation.byName(Kind.MAX, Types.LONG, "*", WHERE), values))
        .containsExactly(3L, 3L, 7L);
    assertThat(rolling(FieldAggregation.byPosition(Kind.MAX_BY, Types.LONG, 0, WHERE), values))
        .containsExactly(3L, 3L, 7L);
    assertThat(
            rolling(FieldAggregation.byName(Kind.MIN, Types.STRING, "*", WHERE), List.of("b", "a")))
        .containsExactly("b", "a");
  }

  @Test
  void everyNumericTypeSums() throws Exception {
    assertThat(
            FieldAggregation.byPosition(Kind.SUM, Types.BYTE, 0, WHERE)
                .reduce((byte) 100, (byte) 100))
        .isEqualTo((byte) -56); // Java overflow
    assertThat(
            FieldAggregation.byPosition(Kind.SUM, Types.SHORT, 0, WHERE)
                .reduce((short) 2, (short) 3))
        .isEqualTo((short) 5);
    assertThat(
            FieldAggregation.byPosition(Kind.SUM, Types.INT, 0, WHERE).reduce(Integer.MAX_VALUE, 1))
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(FieldAggregation.byPosition(Kind.SUM, Types.FLOAT, 0, WHERE).reduce(0.5f, 0.25f))
        .isEqualTo(0.75f);
    assertThat(FieldAggregation.byPosition(Kind.SUM, Types.DOUBLE, 0, WHERE).reduce(0.5, 0.25))
        .isEqualTo(0.75);
    assertThat(
            FieldAggregation.byPosition(Kind.SUM, Types.BIG_DEC, 0, WHERE)
                .reduce(new BigDecimal("0.10"), new BigDecimal("0.2")))
        .isEqualTo(new BigDecimal("0.30"));
    assertThat(
            FieldAggregation.byPosition(Kind.SUM, Types.BIG_INT, 0, WHERE)
                .reduce(java.math.BigInteger.TEN, java.math.BigInteger.ONE))
        .isEqualTo(java.math.BigInteger.valueOf(11));
  }

  @Test
  void rawTupleFromALambdaWorksByPositionWithTypesCheckedPerRecord() throws Exception {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInfo<Tuple2<String, Integer>> missing =
        new MissingTypeInfo(Tuple2.class, "the output of map at Job.main(Job.java:9)", "erased");
    FieldAggregation<Tuple2<String, Integer>> sum =
        FieldAggregation.byPosition(Kind.SUM, missing, 1, WHERE);
    assertThat(sum.reduce(Tuple2.of("a", 1), Tuple2.of("b", 2))).isEqualTo(Tuple2.of("a", 3));
    FieldAggregation<Tuple2<String, Integer>> sumOfStrings =
        FieldAggregation.byPosition(Kind.SUM, missing, 0, "sum(0) at Job.main(Job.java:12)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> sumOfStrings.reduce(Tuple2.of("a", 1), Tuple2.of("b", 2)))
        .hasMessageContaining("sum(0) at Job.main(Job.java:12)")
        .hasMessageContaining("field f0")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void threeFieldTuplesChangeOnlyTheirField() throws Exception {
    TypeInfo<Tuple3<String, Long, Double>> type =
        Types.TUPLE(Types.STRING, Types.LONG, Types.DOUBLE);
    FieldAggregation<Tuple3<String, Long, Double>> max =
        FieldAggregation.byPosition(Kind.MAX, type, 2, WHERE);
    Tuple3<String, Long, Double> first = Tuple3.of("k", 1L, 1.0);
    Tuple3<String, Long, Double> result = max.reduce(first, Tuple3.of("x", 2L, 5.0));
    assertThat(result).isEqualTo(Tuple3.of("k", 1L, 5.0));
    assertThat(first).isEqualTo(Tuple3.of("k", 1L, 1.0));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    FieldAggregation<Bid> agg =
        FieldAggregation.byName(Kind.SUM, TypeInfo.of(Bid.class), "price", WHERE);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(agg);
    }
    @SuppressWarnings("unchecked")
    FieldAggregation<Bid> copy =
        (FieldAggregation<Bid>)
            new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray())).readObject();
    assertThat(copy.reduce(new Bid("a", 1, 1), new Bid("b", 2, 2))).isEqualTo(new Bid("a", 3, 1));
  }
}
