package io.spry.api.types;

import io.spry.api.annotation.Public;

/** A type Spry has no serializer of its own for; it is serialized by the generic fallback. */
@Public
public final class GenericTypeInfo<T> extends TypeInfo<T> {
  private final Class<T> type;

  public GenericTypeInfo(Class<T> type) {
    this.type = type;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public String toString() {
    return "Generic(" + type.getName() + ")";
  }
}
