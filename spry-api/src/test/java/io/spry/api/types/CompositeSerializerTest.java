package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.bytes;
import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.tuple.Tuple10;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Tuples, collections, optionals, arrays and enums. */
class CompositeSerializerTest {

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green with a body";
      }
    },
    BLUE
  }

  @Property
  void tuplesRoundTrip(@ForAll String s, @ForAll long l, @ForAll List<Integer> ints) {
    TypeInfo<Tuple3<String, Long, List<Integer>>> type =
        Types.TUPLE(Types.STRING, Types.LONG, Types.LIST(Types.INT));
    Tuple3<String, Long, List<Integer>> t = Tuple3.of(s, l, ints);
    assertThat(roundTrip(type, t)).isEqualTo(t);
  }

  @Test
  void tupleFieldsMayBeNullAndTheBitmapMarksThem() {
    TypeInfo<Tuple2<String, Integer>> type = Types.TUPLE(Types.STRING, Types.INT);
    assertThat(roundTrip(type, Tuple2.of(null, 5))).isEqualTo(Tuple2.of(null, 5));
    assertThat(roundTrip(type, Tuple2.of("a", null))).isEqualTo(Tuple2.of("a", null));
    // bitmap 0b10 (field 1 null), then "a" as length 1 + 'a'
    assertThat(bytes(type.createSerializer(), Tuple2.of("a", null))).containsExactly(2, 1, 'a');
  }

  @Test
  void tenFieldTuplesUseTwoBitmapBytes() {
    TypeInfo<?>[] fields = new TypeInfo<?>[10];
    Arrays.fill(fields, Types.INT);
    TypeInfo<
            Tuple10<
                Integer,
                Integer,
                Integer,
                Integer,
                Integer,
                Integer,
                Integer,
                Integer,
                Integer,
                Integer>>
        type = Types.TUPLE(fields);
    var t = Tuple10.of(0, 1, 2, 3, 4, 5, 6, 7, 8, (Integer) null);
    assertThat(roundTrip(type, t)).isEqualTo(t);
    byte[] b = bytes(type.createSerializer(), t);
    assertThat(b.length).isEqualTo(2 + 9 * 4);
    assertThat(b[0]).isEqualTo((byte) 0);
    assertThat(b[1]).isEqualTo((byte) 0b10);
  }

  @Test
  void tupleCopyIsDeep() {
    TypeInfo<Tuple2<String, List<Integer>>> type = Types.TUPLE(Types.STRING, Types.LIST(Types.INT));
    List<Integer> list = new ArrayList<>(List.of(1, 2));
    Tuple2<String, List<Integer>> t = Tuple2.of("a", list);
    Tuple2<String, List<Integer>> copy = type.createSerializer().copy(t);
    assertThat(copy).isEqualTo(t).isNotSameAs(t);
    assertThat(copy.f1).isNotSameAs(list);
  }

  @Property
  void listsSetsMapsAndOptionalsRoundTrip(
      @ForAll List<String> list,
      @ForAll Set<Long> set,
      @ForAll Map<String, Integer> map,
      @ForAll Optional<String> optional) {
    assertThat(roundTrip(Types.LIST(Types.STRING), list)).isEqualTo(list);
    assertThat(roundTrip(Types.SET(Types.LONG), set)).isEqualTo(set);
    assertThat(roundTrip(Types.MAP(Types.STRING, Types.INT), map)).isEqualTo(map);
    assertThat(roundTrip(Types.OPTIONAL(Types.STRING), optional)).isEqualTo(optional);
  }

  @Test
  void collectionsKeepNullsAndIterationOrder() {
    List<String> list = Arrays.asList("b", null, "a");
    assertThat(roundTrip(Types.LIST(Types.STRING), list)).containsExactly("b", null, "a");

    Set<String> set = new LinkedHashSet<>(Arrays.asList("z", null, "a"));
    assertThat(roundTrip(Types.SET(Types.STRING), set)).containsExactly("z", null, "a");

    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put(null, null);
    map.put("a", 3);
    assertThat(roundTrip(Types.MAP(Types.STRING, Types.INT), map).entrySet())
        .containsExactlyElementsOf(map.entrySet());
  }

  @Test
  void listCopyIsANewArrayListWithCopiedElements() {
    TypeInfo<List<List<Integer>>> type = Types.LIST(Types.LIST(Types.INT));
    List<Integer> inner = new ArrayList<>(List.of(1));
    List<List<Integer>> outer = List.of(inner);
    List<List<Integer>> copy = type.createSerializer().copy(outer);
    assertThat(copy).isEqualTo(outer).isInstanceOf(ArrayList.class);
    assertThat(copy.get(0)).isNotSameAs(inner);
  }

  @Property
  void primitiveArraysRoundTrip(
      @ForAll byte[] bytes,
      @ForAll int[] ints,
      @ForAll long[] longs,
      @ForAll double[] doubles,
      @ForAll boolean[] booleans,
      @ForAll char[] chars,
      @ForAll short[] shorts,
      @ForAll float[] floats) {
    assertThat(roundTrip(PrimitiveArrayTypeInfo.BYTE_ARRAY, bytes)).isEqualTo(bytes);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.INT_ARRAY, ints)).isEqualTo(ints);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.LONG_ARRAY, longs)).isEqualTo(longs);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.DOUBLE_ARRAY, doubles)).isEqualTo(doubles);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.BOOLEAN_ARRAY, booleans)).isEqualTo(booleans);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.CHAR_ARRAY, chars)).isEqualTo(chars);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.SHORT_ARRAY, shorts)).isEqualTo(shorts);
    assertThat(roundTrip(PrimitiveArrayTypeInfo.FLOAT_ARRAY, floats)).isEqualTo(floats);
  }

  @Test
  void objectArraysRoundTripWithNullsAndKeepTheirClass() {
    String[] strings = {"a", null, "c"};
    String[] read = roundTrip(Types.OBJECT_ARRAY(Types.STRING), strings);
    assertThat(read).containsExactly("a", null, "c");
    assertThat(read.getClass()).isEqualTo(String[].class);

    int[][] nested = {{1, 2}, {}, null};
    TypeInfo<int[][]> type = TypeExtractor.forClass(int[][].class);
    assertThat(type).isEqualTo(Types.OBJECT_ARRAY(PrimitiveArrayTypeInfo.INT_ARRAY));
    assertThat(roundTrip(type, nested)).isDeepEqualTo(nested);
  }

  @Test
  void arrayCopiesAreDeep() {
    int[][] nested = {{1, 2}};
    int[][] copy = TypeExtractor.forClass(int[][].class).createSerializer().copy(nested);
    assertThat(copy).isDeepEqualTo(nested);
    assertThat(copy[0]).isNotSameAs(nested[0]);
  }

  @Test
  void enumsAreWrittenByName() {
    TypeInfo<Color> type = Types.ENUM(Color.class);
    for (Color c : Color.values()) {
      assertThat(roundTrip(type, c)).isSameAs(c);
    }
    assertThat(bytes(type.createSerializer(), Color.BLUE)).containsExactly(4, 'B', 'L', 'U', 'E');
    assertThat(TypeExtractor.forClass(Color.GREEN.getClass())).isEqualTo(type);
  }

  @Test
  void anUnknownEnumNameFailsNamingTheConstants() {
    TypeSerializer<Color> s = Types.ENUM(Color.class).createSerializer();
    byte[] bytes = bytes(Types.STRING.createSerializer(), "PURPLE");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> s.deserialize(new MemoryDataInput(bytes)))
        .hasMessageContaining("no constant PURPLE")
        .hasMessageContaining("RED");
  }
}
