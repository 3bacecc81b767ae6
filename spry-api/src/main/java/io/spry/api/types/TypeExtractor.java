package io.spry.api.types;

import io.spry.api.annotation.Internal;
import io.spry.api.tuple.Tuple;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Derives type information from classes, generic types, values and user functions.
 *
 * <p>A class becomes, in this order: a {@link BasicTypeInfo basic type}, a {@link
 * PrimitiveArrayTypeInfo primitive} or {@link ObjectArrayTypeInfo object} array, an {@link
 * EnumTypeInfo enum}, a {@link TupleTypeInfo Spry tuple}, a {@link ListTypeInfo list}, {@link
 * SetTypeInfo set} or {@link MapTypeInfo map} (for the interfaces and their standard hash/array
 * implementations), an {@link OptionalTypeInfo optional}, a {@link RecordTypeInfo record}, a {@link
 * PojoTypeInfo POJO}, and otherwise a {@link GenericTypeInfo generic type} serialized by Kryo. Type
 * parameters a raw class leaves open are {@link DynamicTypeInfo dynamic}. Nothing here throws for a
 * type it cannot determine: it returns a {@link MissingTypeInfo}, which fails with a helpful
 * message only where the type is really needed.
 */
@Internal
public final class TypeExtractor {
  private static final ClassValue<TypeInfo<?>> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected TypeInfo<?> computeValue(Class<?> type) {
          return new TypeAnalyzer("the type " + type.getName()).analyzeClass(type, null);
        }
      };

  private TypeExtractor() {}

  /** The type information of a class; a generic class's parameters are dynamic. Cached. */
  @SuppressWarnings("unchecked")
  public static <T> TypeInfo<T> forClass(Class<T> type) {
    return (TypeInfo<T>) BY_CLASS.get(Objects.requireNonNull(type, "type"));
  }

  /**
   * The type information of a generic type, e.g. {@code Tuple2<String, Long>}; a type variable
   * gives a {@link MissingTypeInfo}.
   */
  public static TypeInfo<?> forType(Type type) {
    Objects.requireNonNull(type, "type");
    if (type instanceof Class<?> c) {
      return forClass(c);
    }
    return new TypeAnalyzer("the type " + type.getTypeName()).analyze(type, Map.of());
  }

  /**
   * The type information of a value's class. For a tuple the field types come from the field values
   * (a null field is dynamic); lists, sets and maps have dynamic elements.
   */
  @SuppressWarnings("unchecked")
  public static <T> TypeInfo<T> forValue(T value) {
    Objects.requireNonNull(value, "the value to take a type from");
    if (value instanceof Tuple t) {
      TypeInfo<?>[] fields = new TypeInfo<?>[t.getArity()];
      for (int i = 0; i < fields.length; i++) {
        Object f = t.getField(i);
        fields[i] = f == null ? new DynamicTypeInfo<>(Object.class) : forValue(f);
      }
      return (TypeInfo<T>) new TupleTypeInfo<>(t.getClass(), fields);
    }
    TypeInfo<T> byClass = forClass((Class<T>) value.getClass());
    if (byClass instanceof GenericTypeInfo<?>) {
      // JDK collections such as List.of(...) have private classes: use the interface's type.
      if (value instanceof List<?>) {
        return (TypeInfo<T>) forClass(List.class);
      }
      if (value instanceof Set<?>) {
        return (TypeInfo<T>) forClass(Set.class);
      }
      if (value instanceof Map<?, ?>) {
        return (TypeInfo<T>) forClass(Map.class);
      }
    }
    return byClass;
  }

  /**
   * The output type of a user function. Never throws: what cannot be determined is a {@link
   * MissingTypeInfo} that names {@code what}.
   *
   * @param function the function object (a class or a lambda)
   * @param functionInterface the Spry interface or abstract class it implements, e.g. {@code
   *     MapFunction.class} or {@code ProcessFunction.class}
   * @param outputParam the index of the output type among the interface's type parameters
   * @param inputTypes the known input types, bound to the interface's other type parameters in
   *     order (entries may be null)
   * @param what a description for errors, e.g. {@code "the output of map at Job.main(Job.java:12)"}
   */
  @SuppressWarnings("unchecked")
  public static <O> TypeInfo<O> outputType(
      Object function,
      Class<?> functionInterface,
      int outputParam,
      TypeInfo<?>[] inputTypes,
      String what) {
    try {
      return (TypeInfo<O>)
          FunctionTypes.outputType(function, functionInterface, outputParam, inputTypes, what);
    } catch (RuntimeException | LinkageError e) {
      return new MissingTypeInfo<>(
          (Class<O>) (Class<?>) Object.class, what, "the type extractor failed: " + e);
    }
  }
}
