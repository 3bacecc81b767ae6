package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Set<E>}: the size as a varint, then each element with a null marker, in iteration order.
 * Sets deserialize (and copy) as {@link LinkedHashSet}, which keeps that order, so the type is
 * {@code Set}, {@code HashSet} or {@code LinkedHashSet}; other set classes are generic types.
 */
@Public
public final class SetTypeInfo<E> extends TypeInfo<Set<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<E> elementType;

  public SetTypeInfo(TypeInfo<E> elementType) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
  }

  public TypeInfo<E> getElementType() {
    return elementType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Set<E>> getTypeClass() {
    return (Class) Set.class;
  }

  @Override
  public boolean isComplete() {
    return elementType.isComplete();
  }

  @Override
  public TypeSerializer<Set<E>> createSerializer() {
    return new Serializer<>(elementType.createSerializer());
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(elementType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<Set<E>> createSerializer(
      java.util.List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>((TypeSerializer<E>) innerSerializers.get(0));
  }

  static int capacityFor(int n) {
    return n < 3 ? n + 1 : (int) Math.min(Integer.MAX_VALUE, (long) n * 4 / 3 + 1);
  }

  private static final class Serializer<E> implements TypeSerializer<Set<E>> {
    private final TypeSerializer<E> elements;

    Serializer(TypeSerializer<E> elements) {
      this.elements = elements;
    }

    @Override
    public void serialize(Set<E> value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("Set");
      }
      VarInts.writeVarInt(out, value.size());
      for (E e : value) {
        NullMarkers.writeNullable(e, elements, out);
      }
    }

    @Override
    public Set<E> deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      Set<E> set = new LinkedHashSet<>(capacityFor(n));
      for (int i = 0; i < n; i++) {
        set.add(NullMarkers.readNullable(elements, in));
      }
      return set;
    }

    @Override
    public Set<E> copy(Set<E> value) {
      if (value == null) {
        return null;
      }
      Set<E> set = new LinkedHashSet<>(capacityFor(value.size()));
      for (E e : value) {
        set.add(NullMarkers.copyNullable(e, elements));
      }
      return set;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetTypeInfo<?> s && s.elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + 2;
  }

  @Override
  public String toString() {
    return "Set<" + elementType + ">";
  }
}
