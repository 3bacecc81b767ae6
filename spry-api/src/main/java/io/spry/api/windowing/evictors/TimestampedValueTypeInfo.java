package io.spry.api.windowing.evictors;

import io.spry.api.annotation.Public;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * The type of {@link TimestampedValue}: the timestamp as a big-endian long, then the value with the
 * value type's serializer. The records of a window with an evictor are kept as these; the type is
 * complete when the value type is.
 *
 * @param <T> the value type
 */
@Public
public final class TimestampedValueTypeInfo<T> extends TypeInfo<TimestampedValue<T>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<T> valueType;

  public TimestampedValueTypeInfo(TypeInfo<T> valueType) {
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  public TypeInfo<T> getValueType() {
    return valueType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<TimestampedValue<T>> getTypeClass() {
    return (Class) TimestampedValue.class;
  }

  @Override
  public boolean isComplete() {
    return valueType.isComplete();
  }

  @Override
  public TypeSerializer<TimestampedValue<T>> createSerializer() {
    return new Serializer<>(valueType.createSerializer());
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(valueType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<TimestampedValue<T>> createSerializer(
      java.util.List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>((TypeSerializer<T>) innerSerializers.get(0));
  }

  private static final class Serializer<T> implements TypeSerializer<TimestampedValue<T>> {
    private final TypeSerializer<T> values;

    Serializer(TypeSerializer<T> values) {
      this.values = values;
    }

    @Override
    public void serialize(TimestampedValue<T> value, DataOutputView out) throws IOException {
      out.writeLong(value.getTimestamp());
      values.serialize(value.getValue(), out);
    }

    @Override
    public TimestampedValue<T> deserialize(DataInputView in) throws IOException {
      long timestamp = in.readLong();
      return new TimestampedValue<>(values.deserialize(in), timestamp);
    }

    @Override
    public TimestampedValue<T> copy(TimestampedValue<T> value) {
      return new TimestampedValue<>(values.copy(value.getValue()), value.getTimestamp());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimestampedValueTypeInfo<?> t && t.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return 31 * valueType.hashCode() + 7;
  }

  @Override
  public String toString() {
    return "TimestampedValue<" + valueType + ">";
  }
}
