package io.spry.api.functions.aggregation;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.types.CompositeTypeInfo;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.PojoTypeInfo;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/**
 * The reduce function behind the rolling aggregations ({@code sum}, {@code min}, {@code max},
 * {@code minBy}, {@code maxBy}) of a keyed stream. {@code value1} is the key's previous result,
 * {@code value2} the new record.
 *
 * <ul>
 *   <li>{@code sum}, {@code min}, {@code max}: the result is the key's first record with the
 *       aggregated field replaced by the running sum, minimum or maximum.
 *   <li>{@code minBy}, {@code maxBy}: the result is the whole record with the smallest or largest
 *       field value so far; on ties the earlier record stays.
 * </ul>
 *
 * <p>Fields are Spry tuple fields by position (or by name {@code "f0"}), record components by name
 * or position (declaration order), and POJO fields by name. A stream of atomic values (e.g. {@code
 * Long}) aggregates the values themselves: position 0 or name {@code "*"}. Null field values are
 * treated as absent: they neither add to a sum nor win a comparison.
 *
 * <p>The field is resolved when the job is built, so a wrong field or an unsuitable type fails
 * there, with a message naming the call. Where the field's type is not known then (a raw {@code
 * Tuple2} from a lambda), the check happens per record instead. The inputs are never changed: a new
 * result is built (tuples are copied, records rebuilt through their constructor, POJOs copied
 * shallowly) or an input is returned as it is.
 */
@Internal
public final class FieldAggregation<T> implements ReduceFunction<T> {
  private static final long serialVersionUID = 1L;

  /** The aggregations. */
  public enum Kind {
    SUM("sum"),
    MIN("min"),
    MAX("max"),
    MIN_BY("minBy"),
    MAX_BY("maxBy");

    private final String call;

    Kind(String call) {
      this.call = call;
    }

    /** The name of the API method, e.g. {@code minBy}. */
    public String call() {
      return call;
    }
  }

  private final Kind kind;
  private final CompositeTypeInfo<T> composite; // null: the values themselves are aggregated
  private final int position;
  private final String fieldDescription;
  private final Arithmetic arithmetic; // for SUM
  private final String where;

  private FieldAggregation(
      Kind kind,
      CompositeTypeInfo<T> composite,
      int position,
      String fieldDescription,
      Arithmetic arithmetic,
      String where) {
    this.kind = kind;
    this.composite = composite;
    this.position = position;
    this.fieldDescription = fieldDescription;
    this.arithmetic = arithmetic;
    this.where = where;
  }

  /**
   * Aggregates the field at {@code position}: of a Spry tuple or a record, or position 0 of an
   * atomic type (the value itself).
   *
   * @param where the call and its site, for errors, e.g. {@code sum(1) at Job.main(Job.java:12)}
   * @throws InvalidTypesException if the type is unknown, has no such field, or the field does not
   *     suit the aggregation
   */
  public static <T> FieldAggregation<T> byPosition(
      Kind kind, TypeInfo<T> type, int position, String where) {
    Objects.requireNonNull(kind, "kind");
    TypeInfo<T> known = knownType(type, where);
    if (!(known instanceof CompositeTypeInfo<T> composite)) {
      if (position != 0) {
        throw new InvalidTypesException(
            where
                + ": the stream's type "
                + known
                + " has no fields; use position 0 or \"*\" to aggregate the values themselves");
      }
      return atomic(kind, known, where);
    }
    if (composite instanceof PojoTypeInfo<?>) {
      throw new InvalidTypesException(
          where
              + ": the fields of the POJO type "
              + composite
              + " are addressed by name, not by position; its fields are "
              + composite.getFieldNames());
    }
    if (position < 0 || position >= composite.getArity()) {
      throw new InvalidTypesException(
          where
              + ": position "
              + position
              + " is out of range for "
              + composite
              + ", which has "
              + composite.getArity()
              + (composite.getArity() == 1 ? " field (position 0)" : " fields (positions 0 to ")
              + (composite.getArity() == 1 ? "" : (composite.getArity() - 1) + ")"));
    }
    return forField(kind, composite, position, where);
  }

  /**
   * Aggregates the field named {@code field}: a record component, a POJO field, a tuple field
   * {@code "f0"}, or {@code "*"} for the values of an atomic type.
   *
   * @param where the call and its site, for errors, e.g. {@code sum("cnt") at
   *     Job.main(Job.java:12)}
   * @throws InvalidTypesException if the type is unknown, has no such field, or the field does not
   *     suit the aggregation
   */
  public static <T> FieldAggregation<T> byName(
      Kind kind, TypeInfo<T> type, String field, String where) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    TypeInfo<T> known = knownType(type, where);
    if (!(known instanceof CompositeTypeInfo<T> composite)) {
      if (!field.equals("*")) {
        throw new InvalidTypesException(
            where
                + ": the stream's type "
                + known
                + " has no field \""
                + field
                + "\" (it has no fields); use \"*\" or position 0 to aggregate the values"
                + " themselves");
      }
      return atomic(kind, known, where);
    }
    int pos = composite.getFieldIndex(field);
    if (pos < 0) {
      throw new InvalidTypesException(
          where
              + ": "
              + composite
              + " has no field \""
              + field
              + "\"; its fields are "
              + composite.getFieldNames());
    }
    return forField(kind, composite, pos, where);
  }

  /** The type, or a composite view of a missing type's raw class; fails if nothing is known. */
  @SuppressWarnings("unchecked")
  private static <T> TypeInfo<T> knownType(TypeInfo<T> type, String where) {
    if (type == null) {
      throw new InvalidTypesException(
          where + ": the stream's type is unknown; give it with .returns(...) on its operator");
    }
    if (type instanceof MissingTypeInfo<T> missing) {
      Class<T> raw = missing.getTypeClass();
      TypeInfo<T> byClass = raw == Object.class ? null : TypeExtractor.forClass(raw);
      if (byClass instanceof CompositeTypeInfo<?>) {
        return byClass; // field positions and names are known; field types are checked per record
      }
      throw missing.error(where);
    }
    return type;
  }

  private static <T> FieldAggregation<T> atomic(Kind kind, TypeInfo<T> type, String where) {
    Arithmetic arithmetic = check(kind, type, "the stream's type " + type, where);
    return new FieldAggregation<>(kind, null, 0, "the value", arithmetic, where);
  }

  private static <T> FieldAggregation<T> forField(
      Kind kind, CompositeTypeInfo<T> composite, int pos, String where) {
    String description = "field " + composite.getFieldName(pos) + " of " + composite;
    TypeInfo<?> fieldType = composite.getFieldType(pos);
    Arithmetic arithmetic = check(kind, fieldType, description + ", a " + fieldType + ",", where);
    return new FieldAggregation<>(
        kind, composite, pos, "field " + composite.getFieldName(pos), arithmetic, where);
  }

  /** Checks that the type suits the aggregation; returns the arithmetic for SUM. */
  private static Arithmetic check(Kind kind, TypeInfo<?> type, String subject, String where) {
    if (kind == Kind.SUM) {
      Arithmetic a = Arithmetic.forType(type);
      if (a == null) {
        throw new InvalidTypesException(
            where
                + ": "
                + subject
                + " is not a number sum can add; sum takes Byte, Short, Integer, Long, Float,"
                + " Double, BigInteger and BigDecimal fields");
      }
      return a;
    }
    if (!Arithmetic.isUnknown(type) && !Comparable.class.isAssignableFrom(type.getTypeClass())) {
      throw new InvalidTypesException(
          where
              + ": "
              + subject
              + " is not Comparable; "
              + kind.call()
              + " needs a field with a natural order (numbers, strings, enums, dates, ...)");
    }
    return null;
  }

  private Object field(T value) {
    return composite == null ? value : composite.getFieldValue(value, position);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T reduce(T value1, T value2) {
    Object f1 = field(value1);
    Object f2 = field(value2);
    switch (kind) {
      case SUM:
        {
          if (f2 == null) {
            return value1;
          }
          Object sum = f1 == null ? f2 : add(f1, f2);
          return composite == null ? (T) sum : composite.withField(value1, position, sum);
        }
      case MIN:
      case MAX:
        {
          if (f2 == null || (f1 != null && !wins(f2, f1))) {
            return value1;
          }
          return composite == null ? value2 : composite.withField(value1, position, f2);
        }
      case MIN_BY:
      case MAX_BY:
        return f2 != null && (f1 == null || wins(f2, f1)) ? value2 : value1;
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** True if {@code candidate} strictly beats {@code current}: smaller for min, larger for max. */
  private boolean wins(Object candidate, Object current) {
    int c = compare(candidate, current);
    return (kind == Kind.MIN || kind == Kind.MIN_BY) ? c < 0 : c > 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compare(Object a, Object b) {
    if (!(a instanceof Comparable)) {
      throw runtimeTypeError(a, "is not Comparable");
    }
    try {
      return ((Comparable) a).compareTo(b);
    } catch (ClassCastException e) {
      throw new InvalidTypesException(
          where
              + ": "
              + fieldDescription
              + " holds values of different classes ("
              + a.getClass().getName()
              + " and "
              + b.getClass().getName()
              + ") that cannot be compared",
          e);
    }
  }

  private Object add(Object a, Object b) {
    try {
      return arithmetic.add(a, b);
    } catch (ClassCastException e) {
      throw new InvalidTypesException(
          where + ": " + fieldDescription + " cannot be summed: " + e.getMessage(), e);
    }
  }

  private InvalidTypesException runtimeTypeError(Object value, String problem) {
    return new InvalidTypesException(
        where
            + ": "
            + fieldDescription
            + " holds a "
            + value.getClass().getName()
            + ", which "
            + problem
            + "; "
            + kind.call()
            + " needs a comparable field");
  }

  @Override
  public String toString() {
    return where;
  }
}
