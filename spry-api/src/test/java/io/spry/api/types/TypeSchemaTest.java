package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Schema compare and migrate: a value written with one version of a class (compiled at test time)
 * is read as the next version of the same class name, and the result is compared field by field
 * with what the rules say: new fields get defaults, removed ones are dropped, numbers widen, nested
 * records evolve wherever they sit; other changes fail naming the field and both types.
 */
class TypeSchemaTest {

  // ---- helpers ----

  /** Serializes {@code value} with {@code type}, then reads it with a reader for {@code next}. */
  private static Object migrate(TypeInfo<?> type, Object value, TypeInfo<?> next)
      throws IOException {
    TypeSchema schema = roundTrip(TypeSchema.of(type));
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> writer = (TypeSerializer<Object>) type.createSerializer();
    MemoryDataOutput out = new MemoryDataOutput(64);
    writer.serialize(value, out);
    MemoryDataInput in = new MemoryDataInput(out.toByteArray());
    Object read = schema.createReader(next).deserialize(in);
    assertThat(in.available()).as("bytes left unread").isZero();
    return read;
  }

  /** A schema through its bytes, checking it comes back equal. */
  private static TypeSchema roundTrip(TypeSchema schema) throws IOException {
    MemoryDataOutput out = new MemoryDataOutput(64);
    schema.write(out);
    TypeSchema back = TypeSchema.read(new MemoryDataInput(out.toByteArray()));
    assertThat(back).isEqualTo(schema);
    return back;
  }

  private static Object record(Class<?> c, Object... args) {
    try {
      Constructor<?> k = c.getDeclaredConstructors()[0];
      return k.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object get(Object value, String name) {
    try {
      if (value.getClass().isRecord()) {
        return value.getClass().getMethod(name).invoke(value);
      }
      return value.getClass().getField(name).get(value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object pojo(Class<?> c, Object... namesAndValues) {
    try {
      Object o = c.getConstructor().newInstance();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        c.getField((String) namesAndValues[i]).set(o, namesAndValues[i + 1]);
      }
      return o;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TypeInfo<?> type(ClassLoader loader, String name) {
    return TypeInfo.of(ClassVersions.load(loader, name));
  }

  // ---- same schema ----

  @Test
  void anUnchangedTypeIsReadWithItsOwnSerializer() throws IOException {
    ClassLoader v1 = ClassVersions.compile("package evo; public record P(String name, long n) {}");
    ClassLoader again =
        ClassVersions.compile("package evo; public record P(String name, long n) {}");
    TypeInfo<?> t1 = type(v1, "evo.P");
    TypeInfo<?> t2 = type(again, "evo.P");
    assertThat(TypeSchema.of(t1)).isEqualTo(TypeSchema.of(t2));
    assertThat(TypeSchema.of(t1).matches(t2)).isTrue();
    Object read = migrate(t1, record(ClassVersions.load(v1, "evo.P"), "a", 7L), t2);
    assertThat(read.getClass()).isSameAs(ClassVersions.load(again, "evo.P"));
    assertThat(get(read, "name")).isEqualTo("a");
    // the type's own serializer: it writes too (a migrating reader only reads)
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> reader = (TypeSerializer<Object>) TypeSchema.of(t1).createReader(t2);
    MemoryDataOutput out = new MemoryDataOutput(16);
    reader.serialize(read, out);
    assertThat(out.position()).isPositive();
  }

  @Test
  void theSchemaDescribesTheType() {
    ClassLoader v1 =
        ClassVersions.compile(
            "package evo; public record Line(String sku, int qty, Integer max) {}",
            "package evo; public record Order(String id, java.util.List<Line> lines,"
                + " java.util.Map<String, Long> totals, int[] codes) {}");
    assertThat(TypeSchema.of(type(v1, "evo.Order")).toString())
        .isEqualTo(
            "Record(evo.Order){id: String, lines: List<Record(evo.Line){sku: String, qty: int,"
                + " max: Integer}>, totals: Map<String, Long>, codes: int[]}");
  }

  // ---- records ----

  @Test
  void aRecordWithNewComponentsGetsDefaultsForThem() throws IOException {
    ClassLoader v1 =
        ClassVersions.compile("package evo; public record P(String name, long count) {}");
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public record P(String name, long count, String email, int level,"
                + " Integer rank, boolean active, double score) {}");
    Object read =
        migrate(
            type(v1, "evo.P"),
            record(ClassVersions.load(v1, "evo.P"), "ann", 41L),
            type(v2, "evo.P"));
    assertThat(read.getClass()).isSameAs(ClassVersions.load(v2, "evo.P"));
    assertThat(get(read, "name")).isEqualTo("ann");
    assertThat(get(read, "count")).isEqualTo(41L);
    assertThat(get(read, "email")).isNull();
    assertThat(get(read, "level")).isEqualTo(0);
    assertThat(get(read, "rank")).isNull();
    assertThat(get(read, "active")).isEqualTo(false);
    assertThat(get(read, "score")).isEqualTo(0.0);
  }

  @Test
  void removedComponentsAreReadAndDroppedEvenOfClassesThatAreGone() throws IOException {
    ClassLoader v1 =
        ClassVersions.compile(
            "package evo; public record Address(String city, int zip) {}",
            "package evo; public enum Color { RED, GREEN }",
            "package evo; public class Blob { private int a; public Blob() {} public Blob(int a)"
                + " { this.a = a; } }",
            "package evo; public record P(String name, Address home,"
                + " java.util.List<Address> previous, java.util.Map<String, Address> byTag,"
                + " java.util.Optional<Color> color, Blob blob, long[] history,"
                + " String[] notes, long count) {}");
    // V2 keeps two components; Address, Color and Blob no longer exist
    ClassLoader v2 =
        ClassVersions.compile("package evo; public record P(long count, String name) {}");
    Class<?> address = ClassVersions.load(v1, "evo.Address");
    Object home = record(address, "Oslo", 150);
    Object blob;
    try {
      blob = ClassVersions.load(v1, "evo.Blob").getConstructor(int.class).newInstance(3);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> byTag = new LinkedHashMap<>();
    byTag.put("work", record(address, "Bergen", 5000));
    byTag.put("none", null);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object red = Enum.valueOf((Class) ClassVersions.load(v1, "evo.Color"), "RED");
    Object value =
        record(
            ClassVersions.load(v1, "evo.P"),
            "bo",
            home,
            Arrays.asList(home, null, record(address, null, 1)),
            byTag,
            Optional.of(red),
            blob,
            new long[] {1, 2, 3},
            new String[] {"x", null},
            9L);
    Object read = migrate(type(v1, "evo.P"), value, type(v2, "evo.P"));
    assertThat(get(read, "name")).isEqualTo("bo");
    assertThat(get(read, "count")).isEqualTo(9L);
  }

  @Test
  void reorderedComponentsAreMatchedByName() throws IOException {
    ClassLoader v1 =
        ClassVersions.compile("package evo; public record P(String a, int b, String c) {}");
    ClassLoader v2 =
        ClassVersions.compile("package evo; public record P(String c, String a, int b) {}");
    Object read =
        migrate(
            type(v1, "evo.P"),
            record(ClassVersions.load(v1, "evo.P"), "A", 2, null),
            type(v2, "evo.P"));
    assertThat(get(read, "a")).isEqualTo("A");
    assertThat(get(read, "b")).isEqualTo(2);
    assertThat(get(read, "c")).isNull();
  }

  @Test
  void nestedRecordsEvolveWhereverTheySit() throws IOException {
    String order =
        "package evo; public record Order(String id, Line main, java.util.List<Line> lines,"
            + " java.util.Map<Line, Line> swaps, java.util.Optional<Line> extra, Line[] more,"
            + " java.util.Set<Line> once) {}";
    ClassLoader v1 =
        ClassVersions.compile("package evo; public record Line(String sku, int qty) {}", order);
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public record Line(String note, long qty, String sku) {}", order);
    Class<?> line1 = ClassVersions.load(v1, "evo.Line");
    Object a = record(line1, "a", 1);
    Object b = record(line1, "b", 2);
    Map<Object, Object> swaps = new LinkedHashMap<>();
    swaps.put(a, b);
    Object arr = java.lang.reflect.Array.newInstance(line1, 2);
    java.lang.reflect.Array.set(arr, 0, b);
    Object value =
        record(
            ClassVersions.load(v1, "evo.Order"),
            "o1",
            a,
            List.of(a, b),
            swaps,
            Optional.of(b),
            arr,
            java.util.Set.of(a));

    Object read = migrate(type(v1, "evo.Order"), value, type(v2, "evo.Order"));

    Class<?> line2 = ClassVersions.load(v2, "evo.Line");
    Object a2 = record(line2, null, 1L, "a");
    Object b2 = record(line2, null, 2L, "b");
    assertThat(get(read, "id")).isEqualTo("o1");
    assertThat(get(read, "main")).isEqualTo(a2);
    assertThat(get(read, "lines")).isEqualTo(List.of(a2, b2));
    assertThat(get(read, "swaps")).isEqualTo(Map.of(a2, b2));
    assertThat(get(read, "extra")).isEqualTo(Optional.of(b2));
    Object more = get(read, "more");
    assertThat(more.getClass().getComponentType()).isSameAs(line2);
    assertThat((Object[]) more).containsExactly(b2, null);
    assertThat(get(read, "once")).isEqualTo(java.util.Set.of(a2));
  }

  @Test
  void tuplesOfEvolvedRecordsEvolve() throws IOException {
    String line1 = "package evo; public record Line(String sku) {}";
    String line2 = "package evo; public record Line(String sku, int qty) {}";
    ClassLoader v1 = ClassVersions.compile(line1);
    ClassLoader v2 = ClassVersions.compile(line2);
    TypeInfo<?> t1 =
        new TupleTypeInfo<>(BasicTypeInfo.STRING, TypeInfo.of(ClassVersions.load(v1, "evo.Line")));
    TypeInfo<?> t2 =
        new TupleTypeInfo<>(BasicTypeInfo.STRING, TypeInfo.of(ClassVersions.load(v2, "evo.Line")));
    Object read =
        migrate(
            t1,
            io.spry.api.tuple.Tuple2.of("k", record(ClassVersions.load(v1, "evo.Line"), "s")),
            t2);
    assertThat(read)
        .isEqualTo(
            io.spry.api.tuple.Tuple2.of("k", record(ClassVersions.load(v2, "evo.Line"), "s", 0)));
  }

  @Test
  void windowContentsOfAnEvolvedRecordEvolve() throws IOException {
    ClassLoader v1 = ClassVersions.compile("package evo; public record E(String id) {}");
    ClassLoader v2 = ClassVersions.compile("package evo; public record E(String id, int n) {}");
    TypeInfo<?> t1 =
        new io.spry.api.windowing.evictors.TimestampedValueTypeInfo<>(type(v1, "evo.E"));
    TypeInfo<?> t2 =
        new io.spry.api.windowing.evictors.TimestampedValueTypeInfo<>(type(v2, "evo.E"));
    Object read =
        migrate(
            t1,
            new io.spry.api.windowing.evictors.TimestampedValue<>(
                record(ClassVersions.load(v1, "evo.E"), "x"), 42L),
            t2);
    io.spry.api.windowing.evictors.TimestampedValue<?> tv =
        (io.spry.api.windowing.evictors.TimestampedValue<?>) read;
    assertThat(tv.getTimestamp()).isEqualTo(42L);
    assertThat(tv.getValue()).isEqualTo(record(ClassVersions.load(v2, "evo.E"), "x", 0));
  }

  @Test
  void numbersWidenWithoutLossAndBoxedBecomesPrimitive() throws IOException {
    ClassLoader v1 =
        ClassVersions.compile(
            "package evo; public record N(byte a, short b, int c, long d, float e, Integer f,"
                + " int g, java.math.BigInteger h, Integer i) {}");
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public record N(int a, long b, double c, java.math.BigDecimal d,"
                + " double e, long f, Integer g, java.math.BigDecimal h, int i) {}");
    Object read =
        migrate(
            type(v1, "evo.N"),
            record(
                ClassVersions.load(v1, "evo.N"),
                (byte) -3,
                (short) 300,
                70_000,
                Long.MAX_VALUE,
                1.5f,
                12,
                5,
                new java.math.BigInteger("123456789012345678901234567890"),
                null),
            type(v2, "evo.N"));
    assertThat(get(read, "a")).isEqualTo(-3);
    assertThat(get(read, "b")).isEqualTo(300L);
    assertThat(get(read, "c")).isEqualTo(70_000.0);
    assertThat(get(read, "d")).isEqualTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE));
    assertThat(get(read, "e")).isEqualTo(1.5);
    assertThat(get(read, "f")).isEqualTo(12L);
    assertThat(get(read, "g")).isEqualTo(5);
    assertThat(get(read, "h"))
        .isEqualTo(new java.math.BigDecimal("123456789012345678901234567890"));
    assertThat(get(read, "i")).as("null into a primitive").isEqualTo(0);
  }

  @Test
  void narrowingOrLossyNumbersAreIncompatible() {
    for (String[] change :
        new String[][] {
          {"long", "int"}, {"long", "double"}, {"double", "float"}, {"int", "short"}
        }) {
      ClassLoader v1 =
          ClassVersions.compile("package evo; public record N(" + change[0] + " x) {}");
      ClassLoader v2 =
          ClassVersions.compile("package evo; public record N(" + change[1] + " x) {}");
      assertThatThrownBy(() -> TypeSchema.of(type(v1, "evo.N")).createReader(type(v2, "evo.N")))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessage(
              "field 'x' changed from "
                  + change[0]
                  + " to "
                  + change[1]
                  + ", which cannot be converted");
    }
  }

  // ---- POJOs ----

  @Test
  void aPojoKeepsItsConstructorsDefaultsForNewFieldsAndDropsRemovedOnes() throws IOException {
    ClassLoader v1 =
        ClassVersions.compile(
            "package evo; public class Account { public String owner; public int balance;"
                + " public String legacy; public java.util.List<String> tags; }");
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public class Account { public String owner; public long balance;"
                + " public String currency = \"EUR\"; public int limit = 100;"
                + " public java.util.List<String> tags = java.util.List.of(\"x\"); }");
    Object read =
        migrate(
            type(v1, "evo.Account"),
            pojo(
                ClassVersions.load(v1, "evo.Account"),
                "owner",
                "kim",
                "balance",
                250,
                "legacy",
                "old",
                "tags",
                null),
            type(v2, "evo.Account"));
    assertThat(read.getClass()).isSameAs(ClassVersions.load(v2, "evo.Account"));
    assertThat(get(read, "owner")).isEqualTo("kim");
    assertThat(get(read, "balance")).isEqualTo(250L);
    assertThat(get(read, "currency")).as("new: the initializer's").isEqualTo("EUR");
    assertThat(get(read, "limit")).isEqualTo(100);
    assertThat(get(read, "tags")).as("an old null stays null").isNull();
  }

  @Test
  void aRecordMayBecomeAPojoAndBack() throws IOException {
    ClassLoader record = ClassVersions.compile("package evo; public record Pt(int x, int y) {}");
    ClassLoader pojo =
        ClassVersions.compile(
            "package evo; public class Pt { public int x; public int y; public int z = -1; }");
    Object asPojo =
        migrate(
            type(record, "evo.Pt"),
            record(ClassVersions.load(record, "evo.Pt"), 3, 4),
            type(pojo, "evo.Pt"));
    assertThat(get(asPojo, "x")).isEqualTo(3);
    assertThat(get(asPojo, "y")).isEqualTo(4);
    assertThat(get(asPojo, "z")).isEqualTo(-1);
    Object back = migrate(type(pojo, "evo.Pt"), asPojo, type(record, "evo.Pt"));
    assertThat(back).isEqualTo(record(ClassVersions.load(record, "evo.Pt"), 3, 4));
  }

  // ---- incompatible changes ----

  @Test
  void aFieldWhoseTypeChangedUnconvertiblyIsNamedWithBothTypes() {
    ClassLoader v1 =
        ClassVersions.compile("package evo; public record P(String name, String count) {}");
    ClassLoader v2 =
        ClassVersions.compile("package evo; public record P(String name, int count) {}");
    assertThatThrownBy(() -> TypeSchema.of(type(v1, "evo.P")).createReader(type(v2, "evo.P")))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.getFieldPath()).isEqualTo("count");
              assertThat(e.getPreviousType()).isEqualTo("String");
              assertThat(e.getCurrentType()).isEqualTo("int");
            })
        .hasMessage("field 'count' changed from String to int, which cannot be converted");
  }

  @Test
  void aNestedIncompatibleFieldIsNamedByItsPath() {
    String order =
        "package evo; public record Order(java.util.Map<String, java.util.List<Line>> byDay) {}";
    ClassLoader v1 =
        ClassVersions.compile("package evo; public record Line(String sku, int qty) {}", order);
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public record Line(String sku, java.util.List<Integer> qty) {}", order);
    assertThatThrownBy(
            () -> TypeSchema.of(type(v1, "evo.Order")).createReader(type(v2, "evo.Order")))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessage(
            "field 'byDay{value}[].qty' changed from int to List<Integer>, which cannot be"
                + " converted");
  }

  @Test
  void aClassThatIsNoLongerAPojoSaysWhy() {
    ClassLoader v1 =
        ClassVersions.compile("package evo; public class Acc { public String owner; }");
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public class Acc { public String owner;"
                + " public Acc(String owner) { this.owner = owner; } }");
    assertThatThrownBy(() -> TypeSchema.of(type(v1, "evo.Acc")).createReader(type(v2, "evo.Acc")))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining(
            "the type changed from Pojo(evo.Acc){owner: String} to Generic(evo.Acc)")
        .hasMessageContaining("was a POJO and is now serialized with Kryo")
        .hasMessageContaining("no public no-argument constructor");
  }

  @Test
  void anotherClassIsIncompatibleEvenWithTheSameFields() {
    ClassLoader v1 = ClassVersions.compile("package evo; public record A(int x) {}");
    ClassLoader v2 = ClassVersions.compile("package evo; public record B(int x) {}");
    assertThatThrownBy(() -> TypeSchema.of(type(v1, "evo.A")).createReader(type(v2, "evo.B")))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("matched by class name");
  }

  @Test
  void aKryoTypeWhoseFieldsChangedCannotEvolveAndTheErrorListsTheFields() throws IOException {
    String v1Source =
        "package evo; public class Blob { private int a; private String b;"
            + " public Blob(int a) { this.a = a; } public int a() { return a; } }";
    ClassLoader v1 = ClassVersions.compile(v1Source);
    ClassLoader same = ClassVersions.compile(v1Source);
    ClassLoader v2 =
        ClassVersions.compile(
            "package evo; public class Blob { private int a; private long c;"
                + " public Blob(int a) { this.a = a; } }");
    TypeInfo<?> t1 = type(v1, "evo.Blob");
    assertThat(t1).isInstanceOf(GenericTypeInfo.class);
    // unchanged: read as it is
    assertThat(TypeSchema.of(t1).matches(type(same, "evo.Blob"))).isTrue();
    assertThatThrownBy(() -> TypeSchema.of(t1).createReader(type(v2, "evo.Blob")))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("is serialized with Kryo")
        .hasMessageContaining("cannot evolve")
        .hasMessageContaining("added: [evo.Blob.c: long]")
        .hasMessageContaining("removed: [evo.Blob.b: java.lang.String]");
  }

  @Test
  void theWholeTypeChangingIsReportedWithoutAField() {
    ClassLoader v1 = ClassVersions.compile("package evo; public record P(int x) {}");
    assertThatThrownBy(() -> TypeSchema.of(type(v1, "evo.P")).createReader(BasicTypeInfo.STRING))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessage(
            "the type changed from Record(evo.P){x: int} to String, which cannot be converted");
  }

  @Test
  void aCorruptSchemaIsRejected() {
    byte[] bad = {(byte) TypeSchema.FORMAT_VERSION, 42};
    assertThatThrownBy(() -> TypeSchema.read(new MemoryDataInput(bad)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown node tag 42");
    byte[] future = {9, 1};
    assertThatThrownBy(() -> TypeSchema.read(new MemoryDataInput(future)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format 9 is not supported");
  }
}
