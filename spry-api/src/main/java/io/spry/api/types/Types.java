package io.spry.api.types;

import io.spry.api.annotation.Public;
import io.spry.api.tuple.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Type information for the common types, to give where the extractor cannot see a type: {@code
 * .returns(Types.TUPLE(Types.STRING, Types.INT))}.
 */
@Public
public final class Types {
  private Types() {}

  public static final TypeInfo<String> STRING = BasicTypeInfo.STRING;
  public static final TypeInfo<Integer> INT = BasicTypeInfo.INT;
  public static final TypeInfo<Long> LONG = BasicTypeInfo.LONG;
  public static final TypeInfo<Double> DOUBLE = BasicTypeInfo.DOUBLE;
  public static final TypeInfo<Float> FLOAT = BasicTypeInfo.FLOAT;
  public static final TypeInfo<Boolean> BOOLEAN = BasicTypeInfo.BOOLEAN;
  public static final TypeInfo<Short> SHORT = BasicTypeInfo.SHORT;
  public static final TypeInfo<Byte> BYTE = BasicTypeInfo.BYTE;
  public static final TypeInfo<Character> CHAR = BasicTypeInfo.CHAR;
  public static final TypeInfo<Void> VOID = BasicTypeInfo.VOID;
  public static final TypeInfo<BigInteger> BIG_INT = BasicTypeInfo.BIG_INTEGER;
  public static final TypeInfo<BigDecimal> BIG_DEC = BasicTypeInfo.BIG_DECIMAL;
  public static final TypeInfo<Instant> INSTANT = BasicTypeInfo.INSTANT;
  public static final TypeInfo<LocalDate> LOCAL_DATE = BasicTypeInfo.LOCAL_DATE;
  public static final TypeInfo<LocalDateTime> LOCAL_DATE_TIME = BasicTypeInfo.LOCAL_DATE_TIME;

  /** A Spry tuple of the given field types: {@code TUPLE(STRING, INT)} is a {@code Tuple2}. */
  @SuppressWarnings("unchecked")
  public static <T extends Tuple> TypeInfo<T> TUPLE(TypeInfo<?>... fieldTypes) {
    return (TypeInfo<T>) new TupleTypeInfo<>(fieldTypes);
  }

  public static <E> TypeInfo<List<E>> LIST(TypeInfo<E> elementType) {
    return new ListTypeInfo<>(elementType);
  }

  public static <E> TypeInfo<Set<E>> SET(TypeInfo<E> elementType) {
    return new SetTypeInfo<>(elementType);
  }

  public static <K, V> TypeInfo<Map<K, V>> MAP(TypeInfo<K> keyType, TypeInfo<V> valueType) {
    return new MapTypeInfo<>(keyType, valueType);
  }

  public static <E> TypeInfo<Optional<E>> OPTIONAL(TypeInfo<E> valueType) {
    return new OptionalTypeInfo<>(valueType);
  }

  public static <E extends Enum<E>> TypeInfo<E> ENUM(Class<E> type) {
    return new EnumTypeInfo<>(type);
  }

  /**
   * A record, with the component types taken from the class (generic components whose type
   * arguments the class does not fix are serialized by their runtime class).
   */
  @SuppressWarnings("unchecked")
  public static <T extends Record> TypeInfo<T> RECORD(Class<T> type) {
    TypeInfo<T> t = TypeExtractor.forClass(type);
    if (!(t instanceof RecordTypeInfo<?>)) {
      throw new InvalidTypesException(type.getName() + " cannot be a record type: " + whyNot(t));
    }
    return t;
  }

  /** A record with the component types given, in declaration order. */
  public static <T extends Record> TypeInfo<T> RECORD(Class<T> type, TypeInfo<?>... fieldTypes) {
    RecordTypeInfo<T> t = new RecordTypeInfo<>(type, fieldTypes);
    t.checkAccess();
    return t;
  }

  /** A POJO; fails, saying why, if the class does not qualify (see {@link PojoTypeInfo}). */
  public static <T> TypeInfo<T> POJO(Class<T> type) {
    TypeInfo<T> t = TypeExtractor.forClass(type);
    if (!(t instanceof PojoTypeInfo<?>)) {
      throw new InvalidTypesException(type.getName() + " is not a POJO: " + whyNot(t));
    }
    return t;
  }

  private static String whyNot(TypeInfo<?> t) {
    return t instanceof GenericTypeInfo<?> g ? g.getReason() : "it is " + t;
  }

  /** The Kryo fallback for a class, even if Spry could serialize it itself. */
  public static <T> TypeInfo<T> GENERIC(Class<T> type) {
    return new GenericTypeInfo<>(type, "it was asked for with Types.GENERIC");
  }

  /** The type information the extractor derives for a class. */
  public static <T> TypeInfo<T> of(Class<T> type) {
    return TypeExtractor.forClass(type);
  }

  /** A primitive array type: {@code PRIMITIVE_ARRAY(int.class)} is {@code int[]}. */
  @SuppressWarnings("unchecked")
  public static <T> TypeInfo<T> PRIMITIVE_ARRAY(Class<?> elementClass) {
    if (!elementClass.isPrimitive() || elementClass == void.class) {
      throw new IllegalArgumentException(
          elementClass.getName() + " is not a primitive type; use OBJECT_ARRAY");
    }
    return PrimitiveArrayTypeInfo.forClass(
        (Class<T>) java.lang.reflect.Array.newInstance(elementClass, 0).getClass());
  }

  /** An array of objects: {@code OBJECT_ARRAY(STRING)} is {@code String[]}. */
  public static <E> TypeInfo<E[]> OBJECT_ARRAY(TypeInfo<E> elementType) {
    return ObjectArrayTypeInfo.of(elementType);
  }
}
