package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TypeExtractorClassesTest {

  public record Bid(long auction, long price) {}

  public static class Counter {
    public String word;
    public long count;
  }

  enum Level {
    LOW,
    HIGH
  }

  @Test
  void basicTypesAndPrimitivesAreBasic() {
    assertThat(TypeExtractor.forClass(String.class)).isSameAs(BasicTypeInfo.STRING);
    assertThat(TypeExtractor.forClass(int.class)).isSameAs(BasicTypeInfo.INT);
    assertThat(TypeExtractor.forClass(Long.class)).isSameAs(BasicTypeInfo.LONG);
    assertThat(TypeExtractor.forClass(BigDecimal.class)).isSameAs(BasicTypeInfo.BIG_DECIMAL);
  }

  @Test
  void eachKindOfClassGetsItsTypeInfo() {
    assertThat(TypeExtractor.forClass(byte[].class)).isSameAs(PrimitiveArrayTypeInfo.BYTE_ARRAY);
    assertThat(TypeExtractor.forClass(String[].class)).isEqualTo(Types.OBJECT_ARRAY(Types.STRING));
    assertThat(TypeExtractor.forClass(Level.class)).isEqualTo(Types.ENUM(Level.class));
    assertThat(TypeExtractor.forClass(Bid.class)).isInstanceOf(RecordTypeInfo.class);
    assertThat(TypeExtractor.forClass(Counter.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeExtractor.forClass(Optional.class).toString()).isEqualTo("Optional<?>");
    assertThat(TypeExtractor.forClass(List.class).toString()).isEqualTo("List<?>");
    assertThat(TypeExtractor.forClass(ArrayList.class).toString()).isEqualTo("List<?>");
    assertThat(TypeExtractor.forClass(Set.class).toString()).isEqualTo("Set<?>");
    assertThat(TypeExtractor.forClass(HashMap.class).toString()).isEqualTo("Map<?, ?>");
    assertThat(TypeExtractor.forClass(Tuple3.class).toString()).isEqualTo("Tuple3<?, ?, ?>");
    assertThat(TypeExtractor.forClass(Object.class)).isEqualTo(new DynamicTypeInfo<>(Object.class));
  }

  @Test
  void otherCollectionClassesAreGenericSoTheyKeepTheirClass() {
    assertThat(TypeExtractor.forClass(LinkedList.class)).isInstanceOf(GenericTypeInfo.class);
    assertThat(TypeExtractor.forClass(TreeMap.class)).isInstanceOf(GenericTypeInfo.class);
  }

  @Test
  void forTypeResolvesTypeArguments() {
    assertThat(TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {}))
        .isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
    assertThat(TypeInfo.of(new TypeHint<Map<String, List<Bid>>>() {}).toString())
        .isEqualTo(
            "Map<String, List<Record(io.spry.api.types.TypeExtractorClassesTest$Bid)"
                + "{auction: Long, price: Long}>>");
    assertThat(TypeInfo.of(new TypeHint<List<? extends Number>>() {}).toString())
        .isEqualTo("List<? extends Number>");
    assertThat(TypeInfo.of(new TypeHint<List<String>[]>() {}))
        .isEqualTo(Types.OBJECT_ARRAY(Types.LIST(Types.STRING)));
  }

  static <T> Type typeVariable() throws NoSuchMethodException {
    return TypeExtractorClassesTest.class.getDeclaredMethod("typeVariable").getTypeParameters()[0];
  }

  @Test
  void aTypeVariableIsMissingWithAReason() throws Exception {
    TypeInfo<?> t = TypeExtractor.forType(typeVariable());
    assertThat(t).isInstanceOf(MissingTypeInfo.class);
    assertThat(t.isComplete()).isFalse();
    assertThat(((MissingTypeInfo<?>) t).getReason()).contains("type variable T");
    assertThatThrownBy(t::createSerializer)
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining(".returns(");
  }

  @Test
  void aContainerOfAMissingTypeIsIncomplete() {
    TypeInfo<?> list = new ListTypeInfo<>(new MissingTypeInfo<>(Object.class, "x", "y"));
    assertThat(list.isComplete()).isFalse();
    assertThat(Types.TUPLE(Types.INT, list).isComplete()).isFalse();
  }

  @Test
  void forValueUsesTheFieldValuesOfTuples() {
    assertThat(TypeExtractor.forValue(Tuple2.of("a", 1)))
        .isEqualTo(Types.TUPLE(Types.STRING, Types.INT));
    assertThat(TypeExtractor.forValue(Tuple2.of("a", null)))
        .isEqualTo(Types.TUPLE(Types.STRING, new DynamicTypeInfo<>(Object.class)));
    assertThat(TypeExtractor.forValue(List.of(1, 2)).toString()).isEqualTo("List<?>");
    assertThat(TypeExtractor.forValue(Map.of(1, 2)).toString()).isEqualTo("Map<?, ?>");
    assertThat(TypeExtractor.forValue(7L)).isSameAs(BasicTypeInfo.LONG);
  }

  @Test
  void recursiveTypesFallBackToGenericAtTheRecursion() {
    TypeInfo<?> t = TypeExtractor.forClass(Node.class);
    assertThat(t).isInstanceOf(PojoTypeInfo.class);
    assertThat(((PojoTypeInfo<?>) t).getFieldType(0)).isInstanceOf(GenericTypeInfo.class);
    Node n = new Node();
    n.next = new Node();
    n.value = 1;
    n.next.value = 2;
    @SuppressWarnings("unchecked")
    Node read = SerializerTesting.roundTrip((TypeInfo<Node>) t, n);
    assertThat(read.next.value).isEqualTo(2);
  }

  public static class Node {
    public Node next;
    public int value;
  }

  @Test
  void typeInfosSurviveJavaSerializationAndStillSerialize() throws Exception {
    TypeInfo<Tuple2<Bid, List<Counter>>> type =
        TypeInfo.of(new TypeHint<Tuple2<Bid, List<Counter>>>() {});
    TypeInfo<Tuple2<Bid, List<Counter>>> copy = javaRoundTrip(type);
    assertThat(copy).isEqualTo(type).hasSameHashCodeAs(type);
    Counter c = new Counter();
    c.word = "w";
    Tuple2<Bid, List<Counter>> read =
        SerializerTesting.roundTrip(copy, Tuple2.of(new Bid(1, 2), List.of(c)));
    assertThat(read.f1.get(0).word).isEqualTo("w");
    assertThat(javaRoundTrip(Types.INT)).isSameAs(Types.INT);
  }

  @SuppressWarnings("unchecked")
  private static <T> T javaRoundTrip(T value) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void toStringsAreReadable() {
    assertThat(Types.TUPLE(Types.STRING, Types.INT).toString())
        .isEqualTo("Tuple2<String, Integer>");
    assertThat(Types.MAP(Types.STRING, Types.LIST(Types.LONG)).toString())
        .isEqualTo("Map<String, List<Long>>");
    assertThat(Types.OPTIONAL(Types.DOUBLE).toString()).isEqualTo("Optional<Double>");
    assertThat(Types.SET(Types.CHAR).toString()).isEqualTo("Set<Character>");
    assertThat(Types.PRIMITIVE_ARRAY(int.class).toString()).isEqualTo("int[]");
    assertThat(Types.OBJECT_ARRAY(Types.STRING).toString()).isEqualTo("String[]");
    assertThat(Types.ENUM(Level.class).toString())
        .isEqualTo("Enum(io.spry.api.types.TypeExtractorClassesTest$Level)");
    assertThat(Types.GENERIC(StringBuilder.class).toString())
        .isEqualTo("Generic(java.lang.StringBuilder)");
  }

  @Test
  void equalTypesAreEqualAndHashAlike() {
    assertThat(Types.LIST(Types.STRING))
        .isEqualTo(new ListTypeInfo<>(BasicTypeInfo.STRING))
        .hasSameHashCodeAs(new ListTypeInfo<>(BasicTypeInfo.STRING))
        .isNotEqualTo(Types.SET(Types.STRING))
        .isNotEqualTo(Types.LIST(Types.INT));
    assertThat(Types.TUPLE(Types.STRING, Types.INT))
        .isNotEqualTo(Types.TUPLE(Types.INT, Types.STRING));
    assertThat(Types.RECORD(Bid.class)).isEqualTo(TypeInfo.of(Bid.class));
    assertThat(Types.RECORD(Bid.class, Types.LONG, Types.LONG)).isEqualTo(TypeInfo.of(Bid.class));
  }

  @Test
  void typesTupleTypeChecksAgainstATypedTuple() {
    TypeInfo<Tuple2<String, Integer>> t = Types.TUPLE(Types.STRING, Types.INT);
    assertThat(t.getTypeClass()).isEqualTo(Tuple2.class);
    assertThatThrownBy(() -> Types.TUPLE())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 25");
  }
}
