package io.spry.runtime.state;

import io.spry.api.tuple.Tuple;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hash codes of keys that are the same in every JVM, because the key decides which subtask (and,
 * after a restore, which key group of a savepoint) owns a record's state.
 *
 * <p>Strings, boxed primitives and {@link Boolean}/{@link Character} use their specified {@code
 * hashCode}. Enums hash by name (an enum's own {@code hashCode} is an identity hash). Records,
 * tuples, lists, sets, maps and optionals hash their parts with these same rules, so an enum inside
 * a record is stable too. Arrays are rejected: state finds keys with {@code equals()}, which
 * compares arrays by identity. Any other class must override {@code hashCode}; one that does not is
 * rejected with an error, since its identity hash would send equal keys to different subtasks.
 */
public final class KeyHashing {
  private KeyHashing() {}

  private static final ClassValue<Hasher> HASHERS =
      new ClassValue<>() {
        @Override
        protected Hasher computeValue(Class<?> type) {
          return hasherFor(type);
        }
      };

  /** A stable hash of a key. */
  public static int hash(Object key) {
    if (key instanceof String s) {
      return s.hashCode();
    }
    if (key instanceof Long || key instanceof Integer) {
      return key.hashCode();
    }
    if (key == null) {
      return 0;
    }
    return HASHERS.get(key.getClass()).hash(key);
  }

  @FunctionalInterface
  private interface Hasher {
    int hash(Object o);
  }

  private static Hasher hasherFor(Class<?> type) {
    if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      return o -> ((Enum<?>) o).name().hashCode();
    }
    if (type == Byte.class
        || type == Short.class
        || type == Float.class
        || type == Double.class
        || type == java.math.BigInteger.class
        || type == java.math.BigDecimal.class
        || type == Boolean.class
        || type == Character.class) {
      return Object::hashCode;
    }
    if (type.isRecord()) {
      return recordHasher(type);
    }
    if (Tuple.class.isAssignableFrom(type)) {
      return o -> {
        Tuple t = (Tuple) o;
        int h = 0;
        for (int i = 0; i < t.getArity(); i++) {
          h = 31 * h + hash(t.getField(i));
        }
        return h;
      };
    }
    if (type.isArray()) {
      return o -> {
        throw new IllegalArgumentException(
            "Arrays cannot be keys ("
                + type.getSimpleName()
                + "): state and timers find keys with equals(), which compares arrays by identity."
                + " Key by a String, a List, a record or a tuple instead.");
      };
    }
    if (List.class.isAssignableFrom(type)) {
      return o -> {
        int h = 1;
        for (Object e : (List<?>) o) {
          h = 31 * h + hash(e);
        }
        return h;
      };
    }
    if (Set.class.isAssignableFrom(type)) {
      return o -> {
        int h = 0;
        for (Object e : (Collection<?>) o) {
          h += hash(e);
        }
        return h;
      };
    }
    if (Map.class.isAssignableFrom(type)) {
      return o -> {
        int h = 0;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
          h += hash(e.getKey()) ^ hash(e.getValue());
        }
        return h;
      };
    }
    if (type == Optional.class) {
      return o -> ((Optional<?>) o).map(KeyHashing::hash).orElse(0);
    }
    if (!overridesHashCode(type)) {
      return o -> {
        throw new IllegalArgumentException(
            "Key class "
                + type.getName()
                + " does not override hashCode(), so equal keys would hash differently in each"
                + " JVM and land on different subtasks. Key by a String, a number, an enum, a"
                + " record or a tuple, or override hashCode() (and equals()) from the fields.");
      };
    }
    return Object::hashCode;
  }

  private static boolean overridesHashCode(Class<?> type) {
    try {
      Method m = type.getMethod("hashCode");
      return m.getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Hasher recordHasher(Class<?> type) {
    RecordComponent[] comps = type.getRecordComponents();
    MethodHandle[] accessors = new MethodHandle[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) {
        Method m = comps[i].getAccessor();
        m.setAccessible(true);
        accessors[i] =
            MethodHandles.lookup()
                .unreflect(m)
                .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot read the components of key record " + type.getName() + ": " + e, e);
    }
    return o -> {
      int h = 0;
      for (MethodHandle a : accessors) {
        Object v;
        try {
          v = a.invokeExact(o);
        } catch (Throwable t) {
          throw new IllegalStateException("Reading a component of key " + type.getName(), t);
        }
        h = 31 * h + hash(v);
      }
      return h;
    };
  }
}
