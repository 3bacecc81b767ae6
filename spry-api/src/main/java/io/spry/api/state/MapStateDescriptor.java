package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/** Describes a {@link MapState}; {@link #getType()} is the value type. */
@Public
public final class MapStateDescriptor<K, V> extends StateDescriptor<MapState<K, V>, V> {
  private final TypeInfo<K> keyType;

  public MapStateDescriptor(String name, Class<K> keyType, Class<V> valueType) {
    this(name, TypeInfo.of(keyType), TypeInfo.of(valueType));
  }

  public MapStateDescriptor(String name, TypeInfo<K> keyType, TypeInfo<V> valueType) {
    super(name, valueType);
    this.keyType = Objects.requireNonNull(keyType, "keyType");
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  @Override
  public Kind getKind() {
    return Kind.MAP;
  }
}
