package io.spry.api.functions.aggregation;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.MapFunction;
import io.spry.api.tuple.Tuple;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TupleTypeInfo;
import io.spry.api.types.TypeInfo;
import java.util.Arrays;

/**
 * The map function behind {@code project(...)}: picks tuple fields, in the given order (repeats
 * allowed), into a new tuple. The input must be a stream of Spry tuples; the positions are checked
 * when the job is built. The output type is the tuple of the picked fields' types. The input tuple
 * is not changed; its field values are shared with the output.
 */
@Internal
public final class Projection<T, R extends Tuple> implements MapFunction<T, R> {
  private static final long serialVersionUID = 1L;

  private final int[] fields;
  private final TypeInfo<R> outputType;

  private Projection(int[] fields, TypeInfo<R> outputType) {
    this.fields = fields;
    this.outputType = outputType;
  }

  /**
   * @param inputType the type of the input stream: a tuple type
   * @param fields the positions to keep, 1 to {@value Tuple#MAX_ARITY} of them
   * @param where the call and its site, for errors
   * @throws IllegalArgumentException if the input is not a tuple stream or a position is wrong
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T, R extends Tuple> Projection<T, R> of(
      TypeInfo<T> inputType, int[] fields, String where) {
    if (fields == null || fields.length == 0) {
      throw new IllegalArgumentException(where + ": project needs at least one field position");
    }
    if (fields.length > Tuple.MAX_ARITY) {
      throw new IllegalArgumentException(
          where
              + ": project makes tuples of at most "
              + Tuple.MAX_ARITY
              + " fields, but "
              + fields.length
              + " positions were given");
    }
    int arity;
    TypeInfo<?>[] inputFields = null;
    MissingTypeInfo<?> missing = null;
    if (inputType instanceof TupleTypeInfo<?> tuple) {
      arity = tuple.getArity();
      inputFields = tuple.getFieldTypes().toArray(new TypeInfo<?>[0]);
    } else if (inputType instanceof MissingTypeInfo<?> m
        && TupleTypeInfo.arityOf(m.getTypeClass()) > 0) {
      arity = TupleTypeInfo.arityOf(m.getTypeClass());
      missing = m;
    } else if (inputType instanceof MissingTypeInfo<?> m && m.getTypeClass() == Object.class) {
      throw m.error(where);
    } else {
      throw new IllegalArgumentException(
          where
              + ": project works on streams of Spry tuples (Tuple1 to Tuple25), but this stream's"
              + " type is "
              + inputType
              + "; use map(...) to pick fields of other types");
    }
    for (int f : fields) {
      if (f < 0 || f >= arity) {
        throw new IllegalArgumentException(
            where
                + ": position "
                + f
                + " is out of range for "
                + inputType
                + ", which has "
                + arity
                + " fields (positions 0 to "
                + (arity - 1)
                + ")");
      }
    }
    TypeInfo<R> out;
    Class<R> outClass = (Class<R>) Tuple.getTupleClass(fields.length);
    if (missing != null) {
      out =
          new MissingTypeInfo<>(
              outClass,
              "the output of " + where,
              "the field types of its input are unknown (" + missing.getReason() + ")");
    } else {
      TypeInfo<?>[] picked = new TypeInfo<?>[fields.length];
      for (int i = 0; i < fields.length; i++) {
        picked[i] = inputFields[fields[i]];
      }
      out = new TupleTypeInfo(outClass, picked);
    }
    return new Projection<>(fields.clone(), out);
  }

  public TypeInfo<R> getOutputType() {
    return outputType;
  }

  @Override
  @SuppressWarnings("unchecked")
  public R map(T value) {
    Tuple in = (Tuple) value;
    R out = (R) Tuple.newInstance(fields.length);
    for (int i = 0; i < fields.length; i++) {
      out.setField(i, in.getField(fields[i]));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Projection" + Arrays.toString(fields);
  }
}
