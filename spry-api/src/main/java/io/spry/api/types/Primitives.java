package io.spry.api.types;

import io.spry.api.annotation.Internal;

/** The boxes of the primitive classes. */
@Internal
public final class Primitives {
  private Primitives() {}

  /** The default value of a primitive class (0, false, '\0') as its box; null for other classes. */
  public static Object zero(Class<?> c) {
    if (!c.isPrimitive()) {
      return null;
    } else if (c == int.class) {
      return 0;
    } else if (c == long.class) {
      return 0L;
    } else if (c == double.class) {
      return 0.0;
    } else if (c == boolean.class) {
      return false;
    } else if (c == float.class) {
      return 0f;
    } else if (c == short.class) {
      return (short) 0;
    } else if (c == byte.class) {
      return (byte) 0;
    } else if (c == char.class) {
      return '\0';
    } else {
      return null;
    }
  }

  /** The box of a primitive class; any other class unchanged. */
  public static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    if (c == int.class) {
      return Integer.class;
    } else if (c == long.class) {
      return Long.class;
    } else if (c == double.class) {
      return Double.class;
    } else if (c == boolean.class) {
      return Boolean.class;
    } else if (c == float.class) {
      return Float.class;
    } else if (c == short.class) {
      return Short.class;
    } else if (c == byte.class) {
      return Byte.class;
    } else if (c == char.class) {
      return Character.class;
    } else {
      return Void.class;
    }
  }
}
