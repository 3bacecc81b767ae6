package io.spry.api.types;

import io.spry.api.annotation.Internal;
import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.util.List;

/**
 * What Spry knows about the type of a stream's records or of a piece of state: its class, how to
 * serialize it, and (for tuples, records and POJOs) its fields.
 *
 * <p>Local exchanges hand objects over without serializing, so a job runs even where a type is only
 * partly known. A type is needed whole where a serializer is made (state snapshots, the network) or
 * where fields are addressed (rolling aggregations, projections). A type that erasure hid is a
 * {@link MissingTypeInfo}: asking it for a serializer fails with a message that says where it came
 * from and how to supply it ({@code returns(...)}).
 */
@Public
public abstract class TypeInfo<T> implements Serializable {

  /** The class of the values; for a type with generic parameters, the raw class. */
  public abstract Class<T> getTypeClass();

  /** A new serializer for this type. Serializers are not thread-safe: make one per user. */
  public abstract TypeSerializer<T> createSerializer();

  /** False where erasure hid (part of) the type; see {@link MissingTypeInfo}. */
  public boolean isComplete() {
    return true;
  }

  /**
   * The types whose serializers this type's serializer is built on, for a type that holds values of
   * other types: a list's element type, a map's key and value types, a tuple's field types. The
   * serialized form of such a type depends on its inner types only through their serializers, so
   * when an inner type evolves (a record in a list gained a field), state written before is read by
   * {@link #createSerializer(List)} over readers of the old inner forms (see {@link TypeSchema}).
   * Empty, the default, for a type whose serialized form is fixed by its class.
   */
  @Internal
  public List<TypeInfo<?>> getInnerTypes() {
    return List.of();
  }

  /**
   * A serializer like {@link #createSerializer()}'s, but built on {@code innerSerializers}, one per
   * {@link #getInnerTypes() inner type} in that order. State schema evolution calls it with readers
   * of older forms of the inner types, and then only calls {@code deserialize}. A type with inner
   * types must override it.
   */
  @Internal
  public TypeSerializer<T> createSerializer(List<TypeSerializer<?>> innerSerializers) {
    throw new UnsupportedOperationException(
        getClass().getName() + " has no inner types to build a serializer on");
  }

  /** The number of addressable fields: 0 for atomic types. */
  public int getArity() {
    return 0;
  }

  /**
   * The type information for a class. Generic classes lose their type arguments: prefer {@link
   * #of(TypeHint)}.
   */
  public static <T> TypeInfo<T> of(Class<T> type) {
    return TypeExtractor.forClass(type);
  }

  /**
   * The type information captured by a type hint, e.g. {@code new TypeHint<Tuple2<String, Long>>()
   * {}}.
   */
  public static <T> TypeInfo<T> of(TypeHint<T> hint) {
    return hint.getTypeInfo();
  }
}
