package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RecordSerializerTest {

  public record Bid(long auction, long price, String bidder) {}

  record Hidden(int a, List<String> tags) {} // not public: accessed through setAccessible

  public record Pair<A, B>(A first, B second) {}

  public record Nested(Bid bid, Map<String, Pair<String, Integer>> extra) {}

  @Property
  void recordsRoundTrip(@ForAll long auction, @ForAll long price, @ForAll String bidder) {
    TypeInfo<Bid> type = TypeInfo.of(Bid.class);
    Bid bid = new Bid(auction, price, bidder);
    assertThat(roundTrip(type, bid)).isEqualTo(bid);
  }

  @Test
  void typeInfoKnowsComponentsInDeclarationOrder() {
    RecordTypeInfo<Bid> type = (RecordTypeInfo<Bid>) TypeInfo.of(Bid.class);
    assertThat(type.getArity()).isEqualTo(3);
    assertThat(type.getFieldNames()).containsExactly("auction", "price", "bidder");
    assertThat(type.getFieldTypes()).containsExactly(Types.LONG, Types.LONG, Types.STRING);
    assertThat(type.getFieldIndex("price")).isEqualTo(1);
    assertThat(type.getFieldIndex("nope")).isEqualTo(-1);
    assertThat(type.getFieldValue(new Bid(1, 2, "x"), 2)).isEqualTo("x");
    assertThat(type.toString())
        .isEqualTo(
            "Record(io.spry.api.types.RecordSerializerTest$Bid){auction: Long, price: Long,"
                + " bidder: String}");
  }

  @Test
  void nullComponentsRoundTrip() {
    Bid bid = new Bid(1, 2, null);
    assertThat(roundTrip(TypeInfo.of(Bid.class), bid)).isEqualTo(bid);
  }

  @Test
  void nonPublicRecordsWork() {
    Hidden h = new Hidden(3, List.of("a", "b"));
    TypeInfo<Hidden> type = TypeInfo.of(Hidden.class);
    assertThat(type).isInstanceOf(RecordTypeInfo.class);
    assertThat(roundTrip(type, h)).isEqualTo(h);
  }

  @Test
  void genericRecordsResolveTheirComponentsFromTheTypeHint() {
    TypeInfo<Pair<String, Long>> type = TypeInfo.of(new TypeHint<Pair<String, Long>>() {});
    assertThat(((RecordTypeInfo<?>) type).getFieldTypes())
        .containsExactly(Types.STRING, Types.LONG);
    assertThat(roundTrip(type, new Pair<>("a", 1L))).isEqualTo(new Pair<>("a", 1L));
  }

  @Test
  void rawGenericRecordsSerializeComponentsByRuntimeClass() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInfo<Pair> type = TypeInfo.of(Pair.class);
    assertThat(((RecordTypeInfo<?>) type).getFieldType(0)).isInstanceOf(DynamicTypeInfo.class);
    Pair<Object, Object> p = new Pair<>(List.of(1, 2), new Bid(1, 2, "x"));
    assertThat(roundTrip(type, p)).isEqualTo(p);
  }

  @Test
  void nestedRecordsRoundTrip() {
    Nested n = new Nested(new Bid(1, 2, "b"), Map.of("k", new Pair<>("v", 7)));
    TypeInfo<Nested> type = TypeInfo.of(Nested.class);
    assertThat(type.toString()).contains("extra: Map<String, Record(");
    assertThat(roundTrip(type, n)).isEqualTo(n);
  }

  @Test
  void copyReturnsTheSameRecordWhenAllComponentsAreImmutable() {
    Bid bid = new Bid(1, 2, "x");
    assertThat(TypeInfo.of(Bid.class).createSerializer().copy(bid)).isSameAs(bid);
    Hidden h = new Hidden(1, new ArrayList<>(List.of("a")));
    Hidden copy = TypeInfo.of(Hidden.class).createSerializer().copy(h);
    assertThat(copy).isEqualTo(h).isNotSameAs(h);
    assertThat(copy.tags()).isNotSameAs(h.tags());
  }

  @Test
  void withFieldBuildsANewRecordThroughTheConstructor() {
    RecordTypeInfo<Bid> type = (RecordTypeInfo<Bid>) TypeInfo.of(Bid.class);
    Bid bid = new Bid(1, 2, "x");
    assertThat(type.withField(bid, 1, 99L)).isEqualTo(new Bid(1, 99, "x"));
    assertThat(bid).isEqualTo(new Bid(1, 2, "x"));
  }
}
