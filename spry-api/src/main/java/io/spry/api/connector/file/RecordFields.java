package io.spry.api.connector.file;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The component accessors of Java records, looked up once per class and shared by every thread (a
 * {@link ClassValue}), so that encoders holding no state of their own can be shared by a sink's
 * subtasks.
 */
final class RecordFields {
  private RecordFields() {}

  private static final ClassValue<Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          return lookUp(type);
        }
      };

  /** The names of {@code recordClass}'s components, in declaration order. */
  private static final ClassValue<String[]> NAMES =
      new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          String[] names = new String[components.length];
          for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
          }
          return names;
        }
      };

  /** The accessors of a record class's components, in declaration order. */
  static Method[] accessors(Class<?> recordClass) {
    return ACCESSORS.get(recordClass);
  }

  static String[] names(Class<?> recordClass) {
    return NAMES.get(recordClass);
  }

  private static Method[] lookUp(Class<?> recordClass) {
    RecordComponent[] components = recordClass.getRecordComponents();
    Method[] methods = new Method[components.length];
    for (int i = 0; i < components.length; i++) {
      Method accessor = components[i].getAccessor();
      try {
        accessor.setAccessible(true); // records declared in non-public classes
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Cannot read the fields of " + recordClass.getName() + ": " + e.getMessage(), e);
      }
      methods[i] = accessor;
    }
    return methods;
  }

  /** The value of a component; an exception of the accessor propagates. */
  static Object get(Method accessor, Object record) {
    try {
      return accessor.invoke(record);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(
          "Accessor " + accessor.getName() + " of " + record.getClass().getName() + " failed",
          cause);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "Cannot read " + accessor.getName() + " of " + record.getClass().getName(), e);
    }
  }
}
