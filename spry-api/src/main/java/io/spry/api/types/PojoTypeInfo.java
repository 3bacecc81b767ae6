package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Objects;

/**
 * A POJO: a public, concrete class (static if nested) with a public no-argument constructor whose
 * non-static, non-transient fields (its own and its superclasses') are not final and are public or
 * have a public getter and setter. Fields are ordered by name and addressed by name. Values are
 * built with the no-argument constructor and their fields read and written directly, through method
 * handles resolved once.
 *
 * <p>The serialized form is a header byte, then (for a value of exactly this class) a null bitmap
 * of the fields and the non-null fields. A value of a subclass is written with its class name and
 * the subclass's own serializer, so no fields are lost, only speed.
 */
@Public
public final class PojoTypeInfo<T> extends CompositeTypeInfo<T> {
  private static final long serialVersionUID = 1L;
  private static final int EXACT = 0;
  private static final int SUBCLASS = 1;

  private final Class<T> type;
  private final String[] names;
  private final Class<?>[] declaringClasses;
  private final TypeInfo<?>[] fieldTypes;
  private transient volatile Access access;

  /**
   * @param type the POJO class
   * @param fields its fields, with their types; the order is kept
   */
  public PojoTypeInfo(Class<T> type, Field[] fields, TypeInfo<?>[] fieldTypes) {
    this.type = Objects.requireNonNull(type, "type");
    if (fields.length != fieldTypes.length) {
      throw new IllegalArgumentException(
          fields.length + " fields but " + fieldTypes.length + " types");
    }
    this.names = new String[fields.length];
    this.declaringClasses = new Class<?>[fields.length];
    for (int i = 0; i < fields.length; i++) {
      names[i] = fields[i].getName();
      declaringClasses[i] = fields[i].getDeclaringClass();
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

  private Access access() {
    Access a = access;
    if (a == null) {
      a = new Access(type, names, declaringClasses);
      access = a;
    }
    return a;
  }

  /** Checks that Spry can reach the constructor and the fields. */
  void checkAccess() {
    access();
  }

  /** Whether the field at {@code pos} has a primitive type (it cannot hold null). */
  boolean isPrimitiveField(int pos) {
    return !access().reference[pos];
  }

  /**
   * A POJO of the given field values, for state schema evolution: made with the no-argument
   * constructor, then each {@code given} field set. A field not given (it is new) keeps the value
   * the constructor gave it, and so does a primitive field given as null.
   */
  @SuppressWarnings("unchecked")
  T instantiate(Object[] values, boolean[] given) {
    Access a = access();
    try {
      Object pojo = a.constructor.invokeExact();
      for (int i = 0; i < names.length; i++) {
        if (given[i] && (values[i] != null || a.reference[i])) {
          a.setters[i].invokeExact(pojo, values[i]);
        }
      }
      return (T) pojo;
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

  /** A shallow copy (a new instance with the same field references) with one field replaced. */
  @Override
  @SuppressWarnings("unchecked")
  public T withField(T value, int pos, Object fieldValue) {
    if (value.getClass() != type) {
      throw new IllegalArgumentException(
          "cannot set a field of a "
              + value.getClass().getName()
              + " through the type of its superclass "
              + type.getName());
    }
    Access a = access();
    try {
      Object copy = a.constructor.invokeExact();
      for (int i = 0; i < names.length; i++) {
        Object v = i == pos ? fieldValue : a.getters[i].invokeExact((Object) value);
        a.setters[i].invokeExact(copy, v);
      }
      return (T) copy;
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
    final MethodHandle constructor;
    final MethodHandle[] getters;
    final MethodHandle[] setters;

    /** Whether a field holds a reference (so a null read back must be set, over any default). */
    final boolean[] reference;

    Access(Class<?> type, String[] names, Class<?>[] declaringClasses) {
      try {
        Constructor<?> c = type.getDeclaredConstructor();
        constructor = Handles.noArgConstructor(c);
        getters = new MethodHandle[names.length];
        setters = new MethodHandle[names.length];
        reference = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
          Field f = declaringClasses[i].getDeclaredField(names[i]);
          reference[i] = !f.getType().isPrimitive();
          getters[i] = Handles.getter(f);
          setters[i] = Handles.setter(f);
        }
      } catch (NoSuchMethodException | NoSuchFieldException e) {
        throw new InvalidTypesException("POJO " + type.getName() + " changed: " + e, e);
      }
    }
  }

  private static final class Serializer<T> implements TypeSerializer<T> {
    private final Class<T> type;
    private final Access access;
    private final TypeSerializer<Object>[] fields;
    private final Object[] values;
    private final boolean[] isNull;
    private DynamicTypeInfo.Serializer<Object> subclasses;

    Serializer(Class<T> type, Access access, TypeSerializer<Object>[] fields) {
      this.type = type;
      this.access = access;
      this.fields = fields;
      this.values = new Object[fields.length];
      this.isNull = new boolean[fields.length];
    }

    private DynamicTypeInfo.Serializer<Object> subclasses() {
      if (subclasses == null) {
        subclasses = new DynamicTypeInfo.Serializer<>(Object.class);
      }
      return subclasses;
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue(type.getSimpleName());
      }
      if (value.getClass() != type) {
        out.writeByte(SUBCLASS);
        subclasses().serialize(value, out);
        return;
      }
      out.writeByte(EXACT);
      int n = fields.length;
      try {
        for (int i = 0; i < n; i++) {
          values[i] = access.getters[i].invokeExact((Object) value);
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
      int header = in.readUnsignedByte();
      if (header == SUBCLASS) {
        return (T) subclasses().deserialize(in);
      }
      if (header != EXACT) {
        throw new IOException("corrupt POJO header " + header + " for " + type.getName());
      }
      int n = fields.length;
      NullMarkers.readBitmap(isNull, n, in);
      try {
        Object pojo = access.constructor.invokeExact();
        for (int i = 0; i < n; i++) {
          if (!isNull[i]) {
            access.setters[i].invokeExact(pojo, fields[i].deserialize(in));
          } else if (access.reference[i]) {
            // a field that was null stays null, whatever its initializer says
            access.setters[i].invokeExact(pojo, (Object) null);
          }
        }
        return (T) pojo;
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw Handles.rethrow(t);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      if (value.getClass() != type) {
        return (T) subclasses().copy(value);
      }
      try {
        Object pojo = access.constructor.invokeExact();
        for (int i = 0; i < fields.length; i++) {
          Object v = access.getters[i].invokeExact((Object) value);
          access.setters[i].invokeExact(pojo, NullMarkers.copyNullable(v, fields[i]));
        }
        return (T) pojo;
      } catch (Throwable t) {
        throw Handles.rethrow(t);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PojoTypeInfo<?> p
        && p.type == type
        && Arrays.equals(p.names, names)
        && Arrays.equals(p.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Pojo(").append(type.getName()).append(')');
    appendFields(sb);
    return sb.toString();
  }
}
