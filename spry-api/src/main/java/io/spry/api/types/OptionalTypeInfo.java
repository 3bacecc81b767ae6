package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** {@code Optional<E>}: a presence marker, then the value if present. */
@Public
public final class OptionalTypeInfo<E> extends TypeInfo<Optional<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<E> valueType;

  public OptionalTypeInfo(TypeInfo<E> valueType) {
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  public TypeInfo<E> getValueType() {
    return valueType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Optional<E>> getTypeClass() {
    return (Class) Optional.class;
  }

  @Override
  public boolean isComplete() {
    return valueType.isComplete();
  }

  @Override
  public TypeSerializer<Optional<E>> createSerializer() {
    return new Serializer<>(valueType.createSerializer());
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(valueType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<Optional<E>> createSerializer(
      java.util.List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>((TypeSerializer<E>) innerSerializers.get(0));
  }

  private static final class Serializer<E> implements TypeSerializer<Optional<E>> {
    private final TypeSerializer<E> values;

    Serializer(TypeSerializer<E> values) {
      this.values = values;
    }

    @Override
    public void serialize(Optional<E> value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("Optional");
      }
      NullMarkers.writeNullable(value.orElse(null), values, out);
    }

    @Override
    public Optional<E> deserialize(DataInputView in) throws IOException {
      return Optional.ofNullable(NullMarkers.readNullable(values, in));
    }

    @Override
    public Optional<E> copy(Optional<E> value) {
      if (value == null || value.isEmpty()) {
        return value;
      }
      E v = value.get();
      E c = values.copy(v);
      return c == v ? value : Optional.of(c);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptionalTypeInfo<?> p && p.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return 31 * valueType.hashCode() + 4;
  }

  @Override
  public String toString() {
    return "Optional<" + valueType + ">";
  }
}
