package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An enum type. Constants are serialized by NAME (a varint length and the name's chars), not by
 * ordinal: adding or reordering constants keeps saved state readable; renaming or removing one
 * makes values of it unreadable (deserializing fails with the unknown name).
 */
@Public
public final class EnumTypeInfo<T extends Enum<T>> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  public EnumTypeInfo(Class<T> type) {
    if (!Objects.requireNonNull(type, "type").isEnum()) {
      throw new IllegalArgumentException(type.getName() + " is not an enum");
    }
    this.type = type;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new Serializer<>(type);
  }

  private static final class Serializer<T extends Enum<T>> implements TypeSerializer<T> {
    private final Class<T> type;
    private final Map<String, T> byName = new HashMap<>();
    private final BasicSerializers.StringSerializer names = new BasicSerializers.StringSerializer();

    Serializer(Class<T> type) {
      this.type = type;
      for (T constant : type.getEnumConstants()) {
        byName.put(constant.name(), constant);
      }
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue(type.getSimpleName());
      }
      names.serialize(value.name(), out);
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
      String name = names.deserialize(in);
      T constant = byName.get(name);
      if (constant == null) {
        throw new IOException(
            "Enum " + type.getName() + " has no constant " + name + "; it has " + byName.keySet());
      }
      return constant;
    }

    @Override
    public T copy(T value) {
      return value;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumTypeInfo<?> e && e.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "Enum(" + type.getName() + ")";
  }
}
