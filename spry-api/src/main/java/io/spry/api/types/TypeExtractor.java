package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Derives type information from classes, generic types, values and user functions.
 *
 * <p>(A first cut: every type is a {@link GenericTypeInfo}; the full extractor replaces it.)
 */
@Internal
public final class TypeExtractor {
  private TypeExtractor() {}

  public static <T> TypeInfo<T> forClass(Class<T> type) {
    return new GenericTypeInfo<>(type);
  }

  @SuppressWarnings("unchecked")
  public static TypeInfo<?> forType(Type type) {
    if (type instanceof Class<?> c) {
      return forClass(c);
    }
    if (type instanceof ParameterizedType p) {
      return forClass((Class<Object>) p.getRawType());
    }
    return new MissingTypeInfo<>(Object.class, type.getTypeName(), "a type variable");
  }

  @SuppressWarnings("unchecked")
  public static <T> TypeInfo<T> forValue(T value) {
    return forClass((Class<T>) value.getClass());
  }

  /**
   * The output type of a user function.
   *
   * @param function the function object (a class or a lambda)
   * @param functionInterface the Spry interface it implements, e.g. {@code MapFunction.class}
   * @param outputParam the index of the output type among the interface's type parameters
   * @param inputTypes the known input types, bound to the interface's other type parameters in
   *     order
   * @param what a description for errors, e.g. {@code "the output of map at Job.main(Job.java:12)"}
   */
  public static <O> TypeInfo<O> outputType(
      Object function,
      Class<?> functionInterface,
      int outputParam,
      TypeInfo<?>[] inputTypes,
      String what) {
    return new MissingTypeInfo<>(
        (Class<O>) (Class<?>) Object.class, what, "type extraction is not implemented yet");
  }
}
