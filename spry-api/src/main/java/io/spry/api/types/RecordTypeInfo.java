package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Java record with the types of its components. Values are read through the accessors and built
 * through the canonical constructor, both as method handles resolved once. The serialized form is a
 * null bitmap of the components, then the non-null components in declaration order. Fields are
 * addressed by component name or by position (declaration order).
 */
@Public
public final class RecordTypeInfo<T extends Record> extends CompositeTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final String[] names;
  private final TypeInfo<?>[] fieldTypes;
  private transient volatile Access access;

  /**
   * @param type the record class
   * @param fieldTypes the types of its components, in declaration order
   */
  public RecordTypeInfo(Class<T> type, TypeInfo<?>... fieldTypes) {
    if (!Objects.requireNonNull(type, "type").isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent[] components = type.getRecordComponents();
    if (components.length != fieldTypes.length) {
      throw new IllegalArgumentException(
          type.getName()
              + " has "
              + components.length
              + " components, but "
              + fieldTypes.length
              + " types were given");
    }
    this.type = type;
    this.names = new String[components.length];
    for (int i = 0; i < components.length; i++) {
      names[i] = components[i].getName();
      Objects.requireNonNull(fieldTypes[i], "the type of " + names[i]);
    }
    this.fieldTypes = fieldTypes.clone();
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public int getArity() {
    return names.length;
  }

  @Override
  public String getFieldName(int pos) {
    return names[pos];
  }

  @Override
  public TypeInfo<?> getFieldType(int pos) {
    return fieldTypes[pos];
  }

  /** The accessors and constructor, resolved on first use (also after Java deserialization). */
  private Access access() {
    Access a = access;
    if (a == null) {
      a = new Access(type);
      access = a;
    }
    return a;
  }

  /** Checks that Spry can reach the accessors and the canonical constructor. */
  void checkAccess() {
    access();
  }

  /** Whether the component at {@code pos} has a primitive type (it cannot hold null). */
  boolean isPrimitiveField(int pos) {
    return access().paramTypes[pos].isPrimitive();
  }

  /**
   * A record of the given component values, for state schema evolution. A component that is not
   * {@code given} (it is new), or is given as null, is null, or 0 or false if it is primitive.
   */
  @SuppressWarnings("unchecked")
  T instantiate(Object[] values, boolean[] given) {
    Access a = access();
    Object[] args = new Object[names.length];
    for (int i = 0; i < args.length; i++) {
      Object v = given[i] ? values[i] : null;
      args[i] = v == null ? Primitives.zero(a.paramTypes[i]) : v;
    }
    try {
      Object record = a.constructor.invokeExact(args);
      return (T) record;
    } catch (Throwable t) {
      throw Handles.rethrow(t);
    }
  }

  @Override
  public Object getFieldValue(T value, int pos) {
    try {
      return access().getters[pos].invokeExact((Object) value);
    } catch (Throwable t) {
      throw Handles.rethrow(t);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T withField(T value, int pos, Object fieldValue) {
    Access a = access();
    Object[] args = new Object[names.length];
    try {
      for (int i = 0; i < args.length; i++) {
        args[i] = i == pos ? fieldValue : a.getters[i].invokeExact((Object) value);
      }
      Object record = a.constructor.invokeExact(args);
      return (T) record;
    } catch (Throwable t) {
      throw Handles.rethrow(t);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeSerializer<T> createSerializer() {
    TypeSerializer<Object>[] fields = new TypeSerializer[fieldTypes.length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = (TypeSerializer<Object>) fieldTypes[i].createSerializer();
    }
    return new Serializer<>(type, access(), fields);
  }

  private static final class Access {
    final MethodHandle[] getters;
    final MethodHandle constructor;
    final Class<?>[] paramTypes;

    Access(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      getters = new MethodHandle[components.length];
      paramTypes = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        getters[i] = Handles.getter(components[i].getAccessor());
        paramTypes[i] = components[i].getType();
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor(paramTypes);
        constructor = Handles.spreadConstructor(c);
      } catch (NoSuchMethodException e) {
        throw new InvalidTypesException(
            "Record " + type.getName() + " has no canonical constructor", e);
      }
    }
  }

  private static final class Serializer<T> implements TypeSerializer<T> {
    private final Class<T> type;
    private final MethodHandle[] getters;
    private final MethodHandle constructor;
    private final TypeSerializer<Object>[] fields;
    private final Object[] values;
    private final boolean[] isNull;

    Serializer(Class<T> type, Access access, TypeSerializer<Object>[] fields) {
      this.type = type;
      this.getters = access.getters;
      this.constructor = access.constructor;
      this.fields = fields;
      this.values = new Object[fields.length];
      this.isNull = new boolean[fields.length];
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue(type.getSimpleName());
      }
      int n = fields.length;
      try {
        for (int i = 0; i < n; i++) {
          values[i] = getters[i].invokeExact((Object) value);
        }
        NullMarkers.writeBitmap(values, n, out);
        for (int i = 0; i < n; i++) {
          Object v = values[i];
          if (v != null) {
            fields[i].serialize(v, out);
          }
        }
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw Handles.rethrow(t);
      } finally {
        Arrays.fill(values, null);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView in) throws IOException {
      int n = fields.length;
      NullMarkers.readBitmap(isNull, n, in);
      Object[] args = values; // the spreader copies the arguments out, so the array is reusable
      try {
        for (int i = 0; i < n; i++) {
          args[i] = isNull[i] ? null : fields[i].deserialize(in);
        }
        return (T) constructor.invokeExact(args);
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw Handles.rethrow(t);
      } finally {
        Arrays.fill(values, null);
      }
    }

    /** A record with copied components; the record itself if every component copies to itself. */
    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      int n = fields.length;
      Object[] args = new Object[n];
      boolean same = true;
      try {
        for (int i = 0; i < n; i++) {
          Object v = getters[i].invokeExact((Object) value);
          Object c = NullMarkers.copyNullable(v, fields[i]);
          same &= c == v;
          args[i] = c;
        }
        return same ? value : (T) constructor.invokeExact(args);
      } catch (Throwable t) {
        throw Handles.rethrow(t);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordTypeInfo<?> r
        && r.type == type
        && Arrays.equals(r.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Record(").append(type.getName()).append(')');
    appendFields(sb);
    return sb.toString();
  }
}
