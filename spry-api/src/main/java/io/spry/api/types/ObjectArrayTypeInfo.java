package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Objects;

/**
 * Arrays of objects, {@code String[]} or {@code E[]}, with the element type. Elements may be null.
 * The serialized form is the length as a varint, then each element with a null marker.
 *
 * @param <T> the array type, {@code E[]}
 * @param <E> the element type
 */
@Public
public final class ObjectArrayTypeInfo<T, E> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> arrayClass;
  private final TypeInfo<E> elementType;

  @SuppressWarnings("unchecked")
  private ObjectArrayTypeInfo(TypeInfo<E> elementType) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
    this.arrayClass = (Class<T>) Array.newInstance(elementType.getTypeClass(), 0).getClass();
  }

  /** The type of arrays of {@code elementType}; the element class must not be primitive. */
  public static <T, E> ObjectArrayTypeInfo<T, E> of(TypeInfo<E> elementType) {
    if (elementType.getTypeClass().isPrimitive()) {
      throw new IllegalArgumentException(
          "Arrays of primitives are PrimitiveArrayTypeInfo: " + elementType);
    }
    return new ObjectArrayTypeInfo<>(elementType);
  }

  public TypeInfo<E> getElementType() {
    return elementType;
  }

  @Override
  public Class<T> getTypeClass() {
    return arrayClass;
  }

  @Override
  public boolean isComplete() {
    return elementType.isComplete();
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new Serializer<>(elementType.getTypeClass(), elementType.createSerializer());
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(elementType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<T> createSerializer(java.util.List<TypeSerializer<?>> innerSerializers) {
    return new Serializer<>(
        elementType.getTypeClass(), (TypeSerializer<E>) innerSerializers.get(0));
  }

  private static final class Serializer<T, E> implements TypeSerializer<T> {
    private final Class<E> elementClass;
    private final TypeSerializer<E> elements;

    Serializer(Class<E> elementClass, TypeSerializer<E> elements) {
      this.elementClass = elementClass;
      this.elements = elements;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue(elementClass.getSimpleName() + "[]");
      }
      E[] array = (E[]) value;
      VarInts.writeVarInt(out, array.length);
      for (E e : array) {
        NullMarkers.writeNullable(e, elements, out);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      E[] array = (E[]) Array.newInstance(elementClass, n);
      for (int i = 0; i < n; i++) {
        array[i] = NullMarkers.readNullable(elements, in);
      }
      return (T) array;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      E[] array = ((E[]) value).clone();
      for (int i = 0; i < array.length; i++) {
        array[i] = NullMarkers.copyNullable(array[i], elements);
      }
      return (T) array;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectArrayTypeInfo<?, ?> a && a.elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + 7;
  }

  @Override
  public String toString() {
    return elementType + "[]";
  }
}
