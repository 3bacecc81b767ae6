package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The atomic types with serializers of their own: the boxes of the primitives, {@code String},
 * {@code Void}, {@code BigInteger}, {@code BigDecimal}, {@code Instant}, {@code LocalDate} and
 * {@code LocalDateTime}. There is one instance per type (the constants here and in {@link Types}).
 * Their serializers reject null; where values can be null (fields, collection elements), the
 * enclosing serializer writes a null marker.
 */
@Public
public final class BasicTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  public static final BasicTypeInfo<String> STRING = new BasicTypeInfo<>(String.class, false);
  public static final BasicTypeInfo<Boolean> BOOLEAN = new BasicTypeInfo<>(Boolean.class, false);
  public static final BasicTypeInfo<Byte> BYTE = new BasicTypeInfo<>(Byte.class, true);
  public static final BasicTypeInfo<Short> SHORT = new BasicTypeInfo<>(Short.class, true);
  public static final BasicTypeInfo<Integer> INT = new BasicTypeInfo<>(Integer.class, true);
  public static final BasicTypeInfo<Long> LONG = new BasicTypeInfo<>(Long.class, true);
  public static final BasicTypeInfo<Float> FLOAT = new BasicTypeInfo<>(Float.class, true);
  public static final BasicTypeInfo<Double> DOUBLE = new BasicTypeInfo<>(Double.class, true);
  public static final BasicTypeInfo<Character> CHAR = new BasicTypeInfo<>(Character.class, false);
  public static final BasicTypeInfo<Void> VOID = new BasicTypeInfo<>(Void.class, false);
  public static final BasicTypeInfo<BigInteger> BIG_INTEGER =
      new BasicTypeInfo<>(BigInteger.class, true);
  public static final BasicTypeInfo<BigDecimal> BIG_DECIMAL =
      new BasicTypeInfo<>(BigDecimal.class, true);
  public static final BasicTypeInfo<Instant> INSTANT = new BasicTypeInfo<>(Instant.class, false);
  public static final BasicTypeInfo<LocalDate> LOCAL_DATE =
      new BasicTypeInfo<>(LocalDate.class, false);
  public static final BasicTypeInfo<LocalDateTime> LOCAL_DATE_TIME =
      new BasicTypeInfo<>(LocalDateTime.class, false);

  private static final List<BasicTypeInfo<?>> ALL =
      List.of(
          STRING,
          BOOLEAN,
          BYTE,
          SHORT,
          INT,
          LONG,
          FLOAT,
          DOUBLE,
          CHAR,
          VOID,
          BIG_INTEGER,
          BIG_DECIMAL,
          INSTANT,
          LOCAL_DATE,
          LOCAL_DATE_TIME);

  private final Class<T> type;
  private final boolean numeric;

  private BasicTypeInfo(Class<T> type, boolean numeric) {
    this.type = type;
    this.numeric = numeric;
  }

  /**
   * The basic type of a class, or null if it is not one. A primitive class gives its box's type
   * ({@code int.class} gives {@link #INT}).
   */
  @SuppressWarnings("unchecked")
  public static <T> BasicTypeInfo<T> forClass(Class<T> c) {
    Class<?> boxed = Primitives.box(c);
    for (BasicTypeInfo<?> b : ALL) {
      if (b.type == boxed) {
        return (BasicTypeInfo<T>) b;
      }
    }
    return null;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  /** True for the types {@code sum} adds: the number boxes, BigInteger and BigDecimal. */
  public boolean isNumeric() {
    return numeric;
  }

  /** True for the types with a natural order (all but Void). */
  public boolean isComparable() {
    return type != Void.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<T> createSerializer() {
    TypeSerializer<?> s;
    if (type == String.class) {
      s = new BasicSerializers.StringSerializer();
    } else if (type == Integer.class) {
      s = new BasicSerializers.IntSerializer();
    } else if (type == Long.class) {
      s = new BasicSerializers.LongSerializer();
    } else if (type == Double.class) {
      s = new BasicSerializers.DoubleSerializer();
    } else if (type == Float.class) {
      s = new BasicSerializers.FloatSerializer();
    } else if (type == Boolean.class) {
      s = new BasicSerializers.BooleanSerializer();
    } else if (type == Short.class) {
      s = new BasicSerializers.ShortSerializer();
    } else if (type == Byte.class) {
      s = new BasicSerializers.ByteSerializer();
    } else if (type == Character.class) {
      s = new BasicSerializers.CharSerializer();
    } else if (type == Void.class) {
      s = new BasicSerializers.VoidSerializer();
    } else if (type == BigInteger.class) {
      s = new BasicSerializers.BigIntegerSerializer();
    } else if (type == BigDecimal.class) {
      s = new BasicSerializers.BigDecimalSerializer();
    } else if (type == Instant.class) {
      s = new BasicSerializers.InstantSerializer();
    } else if (type == LocalDate.class) {
      s = new BasicSerializers.LocalDateSerializer();
    } else if (type == LocalDateTime.class) {
      s = new BasicSerializers.LocalDateTimeSerializer();
    } else {
      throw new IllegalStateException("no serializer for " + type);
    }
    return (TypeSerializer<T>) s;
  }

  /** Keeps one instance per type across Java serialization. */
  private Object readResolve() {
    BasicTypeInfo<T> canonical = forClass(type);
    return canonical != null ? canonical : this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BasicTypeInfo<?> b && b.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type.getSimpleName();
  }
}
