package io.spry.api.types;

import static io.spry.api.types.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PojoSerializerTest {

  /** Public fields, a private one with getter and setter, a transient and a static one. */
  public static class Person {
    public String name;
    public int age;
    private List<String> tags;
    public transient String ignored = "t";
    public static String alsoIgnored = "s";

    public Person() {}

    public Person(String name, int age, List<String> tags) {
      this.name = name;
      this.age = age;
      this.tags = tags;
    }

    public List<String> getTags() {
      return tags;
    }

    public void setTags(List<String> tags) {
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Person p
          && p.getClass() == getClass()
          && Objects.equals(p.name, name)
          && p.age == age
          && Objects.equals(p.tags, tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, age, tags);
    }
  }

  public static class Employee extends Person {
    public String company;

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && Objects.equals(((Employee) o).company, company);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + Objects.hashCode(company);
    }
  }

  public static class Box<T> {
    public T value;
    public List<T> more;
  }

  public static class StringBox extends Box<String> {
    public int n;
  }

  public static class WithFinal {
    public final int x = 1;
  }

  public static class NoDefaultConstructor {
    public int x;

    public NoDefaultConstructor(int x) {
      this.x = x;
    }
  }

  public static class PrivateWithoutAccessors {
    private int x;
  }

  @Test
  void pojoFieldsAreSortedByNameIncludingSuperclassFields() {
    PojoTypeInfo<Employee> type = (PojoTypeInfo<Employee>) TypeInfo.of(Employee.class);
    assertThat(type.getFieldNames()).containsExactly("age", "company", "name", "tags");
    assertThat(type.getFieldTypes())
        .containsExactly(Types.INT, Types.STRING, Types.STRING, Types.LIST(Types.STRING));
    assertThat(type.toString())
        .isEqualTo(
            "Pojo(io.spry.api.types.PojoSerializerTest$Employee){age: Integer, company: String,"
                + " name: String, tags: List<String>}");
  }

  @Test
  void pojosRoundTripWithNullFields() {
    TypeInfo<Person> type = TypeInfo.of(Person.class);
    Person p = new Person("ann", 42, List.of("x"));
    assertThat(roundTrip(type, p)).isEqualTo(p);
    Person nulls = new Person(null, 0, null);
    assertThat(roundTrip(type, nulls)).isEqualTo(nulls);
    assertThat(roundTrip(type, p).ignored).isEqualTo("t"); // from the constructor, not written
  }

  @Test
  void subclassValuesKeepTheirClassAndFields() {
    TypeInfo<Person> type = TypeInfo.of(Person.class);
    Employee e = new Employee();
    e.name = "bob";
    e.company = "spry";
    Person read = roundTrip(type, e);
    assertThat(read).isInstanceOf(Employee.class).isEqualTo(e);
    assertThat(type.createSerializer().copy(e)).isInstanceOf(Employee.class).isEqualTo(e);
  }

  @Test
  void genericSuperclassFieldsAreResolved() {
    PojoTypeInfo<StringBox> type = (PojoTypeInfo<StringBox>) TypeInfo.of(StringBox.class);
    assertThat(type.getFieldNames()).containsExactly("more", "n", "value");
    assertThat(type.getFieldTypes())
        .containsExactly(Types.LIST(Types.STRING), Types.INT, Types.STRING);
    StringBox b = new StringBox();
    b.value = "v";
    b.more = List.of("m");
    StringBox read = roundTrip(type, b);
    assertThat(read.value).isEqualTo("v");
    assertThat(read.more).containsExactly("m");
  }

  @Test
  void genericPojosFromTypeHints() {
    TypeInfo<Box<Long>> type = TypeInfo.of(new TypeHint<Box<Long>>() {});
    assertThat(type.toString()).endsWith("{more: List<Long>, value: Long}");
  }

  @Test
  void copyIsDeepAndWithFieldLeavesTheOriginal() {
    PojoTypeInfo<Person> type = (PojoTypeInfo<Person>) TypeInfo.of(Person.class);
    Person p = new Person("ann", 1, new java.util.ArrayList<>(List.of("a")));
    Person copy = type.createSerializer().copy(p);
    assertThat(copy).isEqualTo(p).isNotSameAs(p);
    assertThat(copy.getTags()).isNotSameAs(p.getTags());
    Person changed = type.withField(p, type.getFieldIndex("age"), 2);
    assertThat(changed.age).isEqualTo(2);
    assertThat(changed.name).isEqualTo("ann");
    assertThat(p.age).isEqualTo(1);
  }

  @Test
  void nonPojosFallBackToGenericWithTheReason() {
    assertThat(reason(WithFinal.class)).contains("field x is final");
    assertThat(reason(NoDefaultConstructor.class)).contains("no public no-argument constructor");
    assertThat(reason(PrivateWithoutAccessors.class))
        .contains("field x is neither public nor has a public getter and setter");
    assertThatThrownBy(() -> Types.POJO(WithFinal.class))
        .isInstanceOf(InvalidTypesException.class)
        .hasMessageContaining("is not a POJO")
        .hasMessageContaining("final");
  }

  private static String reason(Class<?> c) {
    TypeInfo<?> t = TypeInfo.of(c);
    assertThat(t).isInstanceOf(GenericTypeInfo.class);
    return ((GenericTypeInfo<?>) t).getReason();
  }
}
