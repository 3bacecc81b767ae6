package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code List<E>}: the size as a varint, then each element with a null marker. Lists deserialize
 * (and copy) as {@link ArrayList}, so the type is {@code List}, {@code Collection} or {@code
 * ArrayList}; other list classes are generic types.
 */
@Public
public final class ListTypeInfo<E> extends TypeInfo<List<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<E> elementType;

  public ListTypeInfo(TypeInfo<E> elementType) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
  }

  public TypeInfo<E> getElementType() {
    return elementType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<List<E>> getTypeClass() {
    return (Class) List.class;
  }

  @Override
  public boolean isComplete() {
    return elementType.isComplete();
  }

  @Override
  public TypeSerializer<List<E>> createSerializer() {
    return new Serializer<>(elementType.createSerializer());
  }

  @Override
  public List<TypeInfo<?>> getInnerTypes() {
    return List.of(elementType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<List<E>> createSerializer(List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>((TypeSerializer<E>) innerSerializers.get(0));
  }

  private static final class Serializer<E> implements TypeSerializer<List<E>> {
    private final TypeSerializer<E> elements;

    Serializer(TypeSerializer<E> elements) {
      this.elements = elements;
    }

    @Override
    public void serialize(List<E> value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("List");
      }
      int n = value.size();
      VarInts.writeVarInt(out, n);
      if (value instanceof java.util.RandomAccess) {
        for (int i = 0; i < n; i++) {
          NullMarkers.writeNullable(value.get(i), elements, out);
        }
      } else {
        for (E e : value) {
          NullMarkers.writeNullable(e, elements, out);
        }
      }
    }

    @Override
    public List<E> deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      List<E> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(NullMarkers.readNullable(elements, in));
      }
      return list;
    }

    @Override
    public List<E> copy(List<E> value) {
      if (value == null) {
        return null;
      }
      List<E> list = new ArrayList<>(value.size());
      for (E e : value) {
        list.add(NullMarkers.copyNullable(e, elements));
      }
      return list;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListTypeInfo<?> l && l.elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + 1;
  }

  @Override
  public String toString() {
    return "List<" + elementType + ">";
  }
}
