package io.spry.api.types;

import io.spry.api.annotation.Public;

/**
 * Arrays of a primitive type: {@code byte[]}, {@code int[]}, {@code long[]} and so on. One instance
 * per array class.
 */
@Public
public final class PrimitiveArrayTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  public static final PrimitiveArrayTypeInfo<byte[]> BYTE_ARRAY =
      new PrimitiveArrayTypeInfo<>(byte[].class);
  public static final PrimitiveArrayTypeInfo<boolean[]> BOOLEAN_ARRAY =
      new PrimitiveArrayTypeInfo<>(boolean[].class);
  public static final PrimitiveArrayTypeInfo<short[]> SHORT_ARRAY =
      new PrimitiveArrayTypeInfo<>(short[].class);
  public static final PrimitiveArrayTypeInfo<int[]> INT_ARRAY =
      new PrimitiveArrayTypeInfo<>(int[].class);
  public static final PrimitiveArrayTypeInfo<long[]> LONG_ARRAY =
      new PrimitiveArrayTypeInfo<>(long[].class);
  public static final PrimitiveArrayTypeInfo<float[]> FLOAT_ARRAY =
      new PrimitiveArrayTypeInfo<>(float[].class);
  public static final PrimitiveArrayTypeInfo<double[]> DOUBLE_ARRAY =
      new PrimitiveArrayTypeInfo<>(double[].class);
  public static final PrimitiveArrayTypeInfo<char[]> CHAR_ARRAY =
      new PrimitiveArrayTypeInfo<>(char[].class);

  private final Class<T> type;

  private PrimitiveArrayTypeInfo(Class<T> type) {
    this.type = type;
  }

  /** The type of a primitive array class, or null if {@code c} is not one. */
  @SuppressWarnings("unchecked")
  public static <T> PrimitiveArrayTypeInfo<T> forClass(Class<T> c) {
    Object t;
    if (c == byte[].class) {
      t = BYTE_ARRAY;
    } else if (c == int[].class) {
      t = INT_ARRAY;
    } else if (c == long[].class) {
      t = LONG_ARRAY;
    } else if (c == double[].class) {
      t = DOUBLE_ARRAY;
    } else if (c == float[].class) {
      t = FLOAT_ARRAY;
    } else if (c == boolean[].class) {
      t = BOOLEAN_ARRAY;
    } else if (c == short[].class) {
      t = SHORT_ARRAY;
    } else if (c == char[].class) {
      t = CHAR_ARRAY;
    } else {
      return null;
    }
    return (PrimitiveArrayTypeInfo<T>) t;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<T> createSerializer() {
    Object s;
    if (type == byte[].class) {
      s = new PrimitiveArraySerializers.BytesSerializer();
    } else if (type == int[].class) {
      s = new PrimitiveArraySerializers.IntsSerializer();
    } else if (type == long[].class) {
      s = new PrimitiveArraySerializers.LongsSerializer();
    } else if (type == double[].class) {
      s = new PrimitiveArraySerializers.DoublesSerializer();
    } else if (type == float[].class) {
      s = new PrimitiveArraySerializers.FloatsSerializer();
    } else if (type == boolean[].class) {
      s = new PrimitiveArraySerializers.BooleansSerializer();
    } else if (type == short[].class) {
      s = new PrimitiveArraySerializers.ShortsSerializer();
    } else {
      s = new PrimitiveArraySerializers.CharsSerializer();
    }
    return (TypeSerializer<T>) s;
  }

  private Object readResolve() {
    PrimitiveArrayTypeInfo<T> canonical = forClass(type);
    return canonical != null ? canonical : this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrimitiveArrayTypeInfo<?> p && p.type == type;
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
