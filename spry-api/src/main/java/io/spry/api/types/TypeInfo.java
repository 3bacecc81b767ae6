package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.Serializable;

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
