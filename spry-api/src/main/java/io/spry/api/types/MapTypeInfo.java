package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code Map<K, V>}: the size as a varint, then each key and value with a null marker, in iteration
 * order. Maps deserialize (and copy) as {@link LinkedHashMap}, which keeps that order, so the type
 * is {@code Map}, {@code HashMap} or {@code LinkedHashMap}; other map classes are generic types.
 */
@Public
public final class MapTypeInfo<K, V> extends TypeInfo<Map<K, V>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<K> keyType;
  private final TypeInfo<V> valueType;

  public MapTypeInfo(TypeInfo<K> keyType, TypeInfo<V> valueType) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  public TypeInfo<V> getValueType() {
    return valueType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Map<K, V>> getTypeClass() {
    return (Class) Map.class;
  }

  @Override
  public boolean isComplete() {
    return keyType.isComplete() && valueType.isComplete();
  }

  @Override
  public TypeSerializer<Map<K, V>> createSerializer() {
    return new Serializer<>(keyType.createSerializer(), valueType.createSerializer());
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(keyType, valueType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<Map<K, V>> createSerializer(
      java.util.List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>(
        (TypeSerializer<K>) innerSerializers.get(0), (TypeSerializer<V>) innerSerializers.get(1));
  }

  private static final class Serializer<K, V> implements TypeSerializer<Map<K, V>> {
    private final TypeSerializer<K> keys;
    private final TypeSerializer<V> values;

    Serializer(TypeSerializer<K> keys, TypeSerializer<V> values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public void serialize(Map<K, V> value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("Map");
      }
      VarInts.writeVarInt(out, value.size());
      for (Map.Entry<K, V> e : value.entrySet()) {
        NullMarkers.writeNullable(e.getKey(), keys, out);
        NullMarkers.writeNullable(e.getValue(), values, out);
      }
    }

    @Override
    public Map<K, V> deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      Map<K, V> map = new LinkedHashMap<>(SetTypeInfo.capacityFor(n));
      for (int i = 0; i < n; i++) {
        K k = NullMarkers.readNullable(keys, in);
        map.put(k, NullMarkers.readNullable(values, in));
      }
      return map;
    }

    @Override
    public Map<K, V> copy(Map<K, V> value) {
      if (value == null) {
        return null;
      }
      Map<K, V> map = new LinkedHashMap<>(SetTypeInfo.capacityFor(value.size()));
      for (Map.Entry<K, V> e : value.entrySet()) {
        map.put(
            NullMarkers.copyNullable(e.getKey(), keys),
            NullMarkers.copyNullable(e.getValue(), values));
      }
      return map;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapTypeInfo<?, ?> m
        && m.keyType.equals(keyType)
        && m.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return 31 * keyType.hashCode() + valueType.hashCode() + 3;
  }

  @Override
  public String toString() {
    return "Map<" + keyType + ", " + valueType + ">";
  }
}
