package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.io.IOException;
import java.util.List;

/**
 * The shape of a type's serialized form: what a snapshot records once per state (never per value)
 * so that state written by one version of a type can be read by the next. For a record or POJO it
 * is the class name and the ordered fields, each with its name, whether it is primitive and its own
 * schema; for a list, set, map, optional, array or tuple the schemas of its inner types; for the
 * basic types, enums and other types whose form is fixed, their class; for a type serialized by
 * Kryo, a fingerprint of its class's fields.
 *
 * <h2>Evolution</h2>
 *
 * {@link #createReader(TypeInfo)} gives a serializer that reads values written with this schema and
 * returns values of a current type:
 *
 * <ul>
 *   <li>the same schema: the current type's own serializer, as fast as ever;
 *   <li>a record or POJO of the same class name whose fields changed: fields are matched by name. A
 *       field that is new gets its default: null, 0 or false in a record, whatever the no-argument
 *       constructor gives it in a POJO. A field that is gone is read and dropped. Fields may be
 *       reordered, and a record may become a POJO or back. A field whose type changed is read by
 *       the same rules, recursively (nested records and POJOs, also inside lists, sets, maps,
 *       optionals, arrays and tuples, evolve the same way);
 *   <li>a basic type that widens without loss: {@code byte -> short -> int -> long}, any of those
 *       to {@code double} except {@code long}, {@code float -> double}, whole numbers to {@code
 *       BigInteger} and {@code BigDecimal}, {@code BigInteger -> BigDecimal}; a boxed field may
 *       become primitive (a null becomes 0 or false) and back;
 *   <li>anything else fails with an {@link IncompatibleSchemaException} that names the field, its
 *       old and its new type: a field whose type changed otherwise ({@code String -> int}), a class
 *       that is no longer a record or POJO (it fell back to Kryo: the message says why), a renamed
 *       class, and a type serialized by Kryo whose fields changed (Kryo's form follows the class,
 *       so such types cannot evolve; the message lists the fields added and removed).
 * </ul>
 *
 * Not covered: values of a POJO's subclass (written by class name with the subclass's own form),
 * values of a {@link DynamicTypeInfo dynamic} type, and enum constants (an enum is written by
 * constant name: new constants are fine, a removed one fails when a value of it is read).
 *
 * <h2>Format</h2>
 *
 * <pre>
 * schema := FORMAT_VERSION:byte node
 * node   := 1 kind:UTF class:UTF                                   atomic (kind: Basic, Enum,
 *                                                                    PrimitiveArray, Dynamic, Missing,
 *                                                                    or the type information's class)
 *         | 2 class:UTF fingerprinted:bool n:varint field:UTF*      generic (Kryo); fields are
 *                                                                    "Owner.name: Type", sorted, for
 *                                                                    the class and the non-JDK classes
 *                                                                    it refers to
 *         | 3 kind:UTF class:UTF n:varint node*                     nested (kind: List, Set, Map,
 *                                                                    Optional, Array, Tuple, or the
 *                                                                    type information's class)
 *         | 4 class:UTF n:varint (name:UTF primitive:bool node)*    record: components in order
 *         | 5 class:UTF n:varint (name:UTF primitive:bool node)*    POJO: fields in serialized order
 * </pre>
 */
@Internal
public sealed interface TypeSchema
    permits TypeSchema.Atomic, TypeSchema.Generic, TypeSchema.Nested, TypeSchema.Composite {

  /** The version of the format above; {@link #read} rejects others. */
  int FORMAT_VERSION = 1;

  /** The schema of values of {@code type} as its serializer writes them. */
  static TypeSchema of(TypeInfo<?> type) {
    return TypeSchemas.of(type);
  }

  /** Reads a schema written by {@link #write}. */
  static TypeSchema read(DataInputView in) throws IOException {
    return TypeSchemas.read(in);
  }

  /** Writes the schema in the format above. */
  default void write(DataOutputView out) throws IOException {
    TypeSchemas.write(this, out);
  }

  /** Whether values of {@code current} are written exactly as this schema says. */
  default boolean matches(TypeInfo<?> current) {
    return equals(of(current));
  }

  /**
   * A serializer whose {@code deserialize} reads values written with this schema and returns values
   * of {@code current}: the current type's own serializer when the schema {@link #matches} it, else
   * one that converts (see the class comment); its {@code serialize} and {@code copy} are not
   * supported then. Make one per thread, like every serializer.
   *
   * @throws IncompatibleSchemaException if values of this schema cannot be read as {@code current}
   */
  @SuppressWarnings("unchecked")
  default <T> TypeSerializer<T> createReader(TypeInfo<T> current) {
    return (TypeSerializer<T>) SchemaMigration.reader(this, current, "");
  }

  /**
   * A type whose serialized form is fixed by its class and its type information's kind.
   *
   * @param kind {@code Basic}, {@code Enum}, {@code PrimitiveArray}, {@code Dynamic}, {@code
   *     Missing}, or the name of another type information class
   * @param typeClass the name of the class of the values (the bound, for a dynamic type)
   */
  record Atomic(String kind, String typeClass) implements TypeSchema {
    @Override
    public String toString() {
      return TypeSchemas.describe(this);
    }
  }

  /**
   * A type serialized by Kryo.
   *
   * @param fingerprinted false for JDK classes, whose fields are not recorded
   * @param fields the fields Kryo writes, {@code "Owner.name: Type"}, sorted
   */
  record Generic(String typeClass, boolean fingerprinted, List<String> fields)
      implements TypeSchema {
    public Generic {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      return TypeSchemas.describe(this);
    }
  }

  /**
   * A type built on inner types ({@link TypeInfo#getInnerTypes()}).
   *
   * @param kind {@code List}, {@code Set}, {@code Map}, {@code Optional}, {@code Array}, {@code
   *     Tuple}, or the name of another type information class
   */
  record Nested(String kind, String typeClass, List<TypeSchema> inner) implements TypeSchema {
    public Nested {
      inner = List.copyOf(inner);
    }

    @Override
    public String toString() {
      return TypeSchemas.describe(this);
    }
  }

  /** A record or a POJO with its fields in serialized order. */
  record Composite(boolean pojo, String typeClass, List<Field> fields) implements TypeSchema {
    public Composite {
      fields = List.copyOf(fields);
    }

    /** The field named {@code name}, or null. */
    public Field field(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return TypeSchemas.describe(this);
    }
  }

  /** A field of a record or POJO. */
  record Field(String name, boolean primitive, TypeSchema type) {}
}
