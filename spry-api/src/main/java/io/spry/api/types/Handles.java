package io.spry.api.types;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Method handles for the fields, accessors and constructors of user types, with their types erased
 * to {@code Object} so serializers can call them without reflection per call.
 */
final class Handles {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
  private static final MethodType SETTER =
      MethodType.methodType(void.class, Object.class, Object.class);

  private Handles() {}

  private static void open(AccessibleObject member, Class<?> owner) {
    if (!member.trySetAccessible()) {
      throw new InvalidTypesException(
          "Spry cannot access "
              + member
              + ": make "
              + owner.getName()
              + " public, or open its package to Spry's module");
    }
  }

  /** {@code (Object)Object}: calls a no-argument method such as a record accessor or getter. */
  static MethodHandle getter(Method m) {
    open(m, m.getDeclaringClass());
    try {
      return LOOKUP.unreflect(m).asType(GETTER);
    } catch (IllegalAccessException e) {
      throw new InvalidTypesException("Spry cannot access " + m, e);
    }
  }

  /** {@code (Object)Object}: reads a field. */
  static MethodHandle getter(Field f) {
    open(f, f.getDeclaringClass());
    try {
      return LOOKUP.unreflectGetter(f).asType(GETTER);
    } catch (IllegalAccessException e) {
      throw new InvalidTypesException("Spry cannot access " + f, e);
    }
  }

  /** {@code (Object, Object)void}: writes a field. */
  static MethodHandle setter(Field f) {
    open(f, f.getDeclaringClass());
    try {
      return LOOKUP.unreflectSetter(f).asType(SETTER);
    } catch (IllegalAccessException e) {
      throw new InvalidTypesException("Spry cannot access " + f, e);
    }
  }

  /** {@code (Object[])Object}: calls a constructor with its arguments in an array. */
  static MethodHandle spreadConstructor(Constructor<?> c) {
    open(c, c.getDeclaringClass());
    try {
      int n = c.getParameterCount();
      MethodHandle h = LOOKUP.unreflectConstructor(c);
      h = h.asType(MethodType.genericMethodType(n));
      return h.asSpreader(Object[].class, n);
    } catch (IllegalAccessException e) {
      throw new InvalidTypesException("Spry cannot access " + c, e);
    }
  }

  /** {@code ()Object}: calls a no-argument constructor. */
  static MethodHandle noArgConstructor(Constructor<?> c) {
    open(c, c.getDeclaringClass());
    try {
      return LOOKUP.unreflectConstructor(c).asType(MethodType.methodType(Object.class));
    } catch (IllegalAccessException e) {
      throw new InvalidTypesException("Spry cannot access " + c, e);
    }
  }

  /** Rethrows what a method handle threw, unchecked. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
