package io.spry.api.types;

import io.spry.api.annotation.Internal;
import io.spry.api.annotation.Public;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A type with named, positional fields: {@link TupleTypeInfo Spry tuples}, {@link RecordTypeInfo
 * Java records} and {@link PojoTypeInfo POJOs}. Field positions run from 0 to {@code getArity() -
 * 1}. Besides the type information it gives fast access to the fields of a value, for key hashing,
 * aggregations and projections; accessors are resolved once per type information instance, not per
 * call.
 */
@Public
public abstract class CompositeTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public abstract int getArity();

  /** The name of the field at {@code pos}: {@code f0, f1, ...} for tuples. */
  public abstract String getFieldName(int pos);

  /** The type of the field at {@code pos}. */
  public abstract TypeInfo<?> getFieldType(int pos);

  /** The field names, in position order. */
  public List<String> getFieldNames() {
    List<String> names = new ArrayList<>(getArity());
    for (int i = 0; i < getArity(); i++) {
      names.add(getFieldName(i));
    }
    return Collections.unmodifiableList(names);
  }

  /** The field types, in position order. */
  public List<TypeInfo<?>> getFieldTypes() {
    List<TypeInfo<?>> types = new ArrayList<>(getArity());
    for (int i = 0; i < getArity(); i++) {
      types.add(getFieldType(i));
    }
    return Collections.unmodifiableList(types);
  }

  /** The position of the field named {@code name}, or -1 if there is none. */
  public int getFieldIndex(String name) {
    for (int i = 0; i < getArity(); i++) {
      if (getFieldName(i).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** True if every field's type is complete. */
  @Override
  public boolean isComplete() {
    for (int i = 0; i < getArity(); i++) {
      if (!getFieldType(i).isComplete()) {
        return false;
      }
    }
    return true;
  }

  /** The value of the field at {@code pos} of {@code value}. */
  @Internal
  public abstract Object getFieldValue(T value, int pos);

  /**
   * A new value equal to {@code value} but with the field at {@code pos} set to {@code fieldValue};
   * {@code value} itself is not changed. Other fields are shared, not copied.
   */
  @Internal
  public abstract T withField(T value, int pos, Object fieldValue);

  /** Appends {@code {name: Type, ...}}. */
  void appendFields(StringBuilder sb) {
    sb.append('{');
    for (int i = 0; i < getArity(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(getFieldName(i)).append(": ").append(getFieldType(i));
    }
    sb.append('}');
  }
}
