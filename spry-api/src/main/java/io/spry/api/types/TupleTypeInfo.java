package io.spry.api.types;

import io.spry.api.annotation.Public;
import io.spry.api.tuple.Tuple;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Spry tuple ({@code Tuple1} to {@code Tuple25}) with its field types. The serialized form is a
 * null bitmap of the fields, then the non-null fields in order.
 */
@Public
public final class TupleTypeInfo<T extends Tuple> extends CompositeTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> tupleClass;
  private final TypeInfo<?>[] fieldTypes;

  /** The tuple type with the given field types; the class follows from their number. */
  @SuppressWarnings("unchecked")
  public TupleTypeInfo(TypeInfo<?>... fieldTypes) {
    this((Class<T>) tupleClassOf(fieldTypes), fieldTypes);
  }

  public TupleTypeInfo(Class<T> tupleClass, TypeInfo<?>... fieldTypes) {
    Objects.requireNonNull(tupleClass, "tupleClass");
    int arity = fieldTypes.length;
    if (arity < 1 || arity > Tuple.MAX_ARITY) {
      throw new IllegalArgumentException(
          "Tuples have 1 to " + Tuple.MAX_ARITY + " fields, not " + arity);
    }
    if (Tuple.getTupleClass(arity) != tupleClass) {
      throw new IllegalArgumentException(
          tupleClass.getSimpleName() + " does not have " + arity + " fields");
    }
    for (int i = 0; i < arity; i++) {
      Objects.requireNonNull(fieldTypes[i], "the type of field " + i);
    }
    this.tupleClass = tupleClass;
    this.fieldTypes = fieldTypes.clone();
  }

  private static Class<?> tupleClassOf(TypeInfo<?>[] fieldTypes) {
    if (fieldTypes.length < 1 || fieldTypes.length > Tuple.MAX_ARITY) {
      throw new IllegalArgumentException(
          "Tuples have 1 to " + Tuple.MAX_ARITY + " fields, not " + fieldTypes.length);
    }
    return Tuple.getTupleClass(fieldTypes.length);
  }

  /** The arity of a tuple class ({@code Tuple2.class} gives 2), or -1 if it is not one. */
  public static int arityOf(Class<?> c) {
    for (int i = 1; i <= Tuple.MAX_ARITY; i++) {
      if (Tuple.getTupleClass(i) == c) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Class<T> getTypeClass() {
    return tupleClass;
  }

  @Override
  public int getArity() {
    return fieldTypes.length;
  }

  @Override
  public String getFieldName(int pos) {
    Objects.checkIndex(pos, fieldTypes.length);
    return "f" + pos;
  }

  @Override
  public TypeInfo<?> getFieldType(int pos) {
    return fieldTypes[pos];
  }

  @Override
  public int getFieldIndex(String name) {
    if (name.length() >= 2 && name.charAt(0) == 'f') {
      try {
        int pos = Integer.parseInt(name.substring(1));
        return pos >= 0 && pos < fieldTypes.length && name.equals("f" + pos) ? pos : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  @Override
  public Object getFieldValue(T value, int pos) {
    return value.getField(pos);
  }

  @Override
  public T withField(T value, int pos, Object fieldValue) {
    @SuppressWarnings("unchecked")
    T copy = (T) value.copy();
    copy.setField(pos, fieldValue);
    return copy;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeSerializer<T> createSerializer() {
    TypeSerializer<Object>[] fields = new TypeSerializer[fieldTypes.length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = (TypeSerializer<Object>) fieldTypes[i].createSerializer();
    }
    return new Serializer<>(fields);
  }

  @Override
  public java.util.List<TypeInfo<?>> getInnerTypes() {
    return java.util.List.of(fieldTypes);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeSerializer<T> createSerializer(java.util.List<TypeSerializer<?>> innerSerializers) {
    if (innerSerializers.size() != fieldTypes.length) {
      throw new IllegalArgumentException(
          innerSerializers.size() + " serializers for a tuple of " + fieldTypes.length);
    }
    return new Serializer<>(innerSerializers.toArray(new TypeSerializer[0]));
  }

  private static final class Serializer<T extends Tuple> implements TypeSerializer<T> {
    private final TypeSerializer<Object>[] fields;
    private final Object[] values;
    private final boolean[] isNull;

    Serializer(TypeSerializer<Object>[] fields) {
      this.fields = fields;
      this.values = new Object[fields.length];
      this.isNull = new boolean[fields.length];
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("Tuple" + fields.length);
      }
      int n = fields.length;
      for (int i = 0; i < n; i++) {
        values[i] = value.getField(i);
      }
      NullMarkers.writeBitmap(values, n, out);
      try {
        for (int i = 0; i < n; i++) {
          Object v = values[i];
          if (v != null) {
            fields[i].serialize(v, out);
          }
        }
      } finally {
        Arrays.fill(values, null);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView in) throws IOException {
      int n = fields.length;
      NullMarkers.readBitmap(isNull, n, in);
      T t = (T) Tuple.newInstance(n);
      for (int i = 0; i < n; i++) {
        if (!isNull[i]) {
          t.setField(i, fields[i].deserialize(in));
        }
      }
      return t;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      int n = fields.length;
      T t = (T) Tuple.newInstance(n);
      for (int i = 0; i < n; i++) {
        t.setField(i, NullMarkers.copyNullable(value.getField(i), fields[i]));
      }
      return t;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TupleTypeInfo<?> t && Arrays.equals(t.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(tupleClass.getSimpleName()).append('<');
    for (int i = 0; i < fieldTypes.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(fieldTypes[i]);
    }
    return sb.append('>').toString();
  }
}
