package io.spry.api.tuple;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * A fixed-arity record with public, positional fields {@code f0, f1, ...}. Tuples are mutable for
 * speed, but a tuple that has been emitted belongs to downstream operators: do not change it
 * afterwards.
 */
@Public
public abstract class Tuple implements Serializable {

  /** The largest arity with a class of its own. */
  public static final int MAX_ARITY = 25;

  public abstract int getArity();

  /** The field at {@code pos}, from 0. */
  public abstract <T> T getField(int pos);

  public abstract <T> void setField(int pos, T value);

  /** A shallow copy: a new tuple with the same field references. */
  public abstract Tuple copy();

  /** A new tuple of the given arity with all fields null. */
  public static Tuple newInstance(int arity) {
    return switch (arity) {
      case 1 -> new Tuple1<>();
      case 2 -> new Tuple2<>();
      case 3 -> new Tuple3<>();
      case 4 -> new Tuple4<>();
      case 5 -> new Tuple5<>();
      case 6 -> new Tuple6<>();
      case 7 -> new Tuple7<>();
      case 8 -> new Tuple8<>();
      case 9 -> new Tuple9<>();
      case 10 -> new Tuple10<>();
      case 11 -> new Tuple11<>();
      case 12 -> new Tuple12<>();
      case 13 -> new Tuple13<>();
      case 14 -> new Tuple14<>();
      case 15 -> new Tuple15<>();
      case 16 -> new Tuple16<>();
      case 17 -> new Tuple17<>();
      case 18 -> new Tuple18<>();
      case 19 -> new Tuple19<>();
      case 20 -> new Tuple20<>();
      case 21 -> new Tuple21<>();
      case 22 -> new Tuple22<>();
      case 23 -> new Tuple23<>();
      case 24 -> new Tuple24<>();
      case 25 -> new Tuple25<>();
      default ->
          throw new IllegalArgumentException(
              "Tuples have arity 1 to " + MAX_ARITY + ", not " + arity);
    };
  }

  /** The tuple class of an arity. */
  @SuppressWarnings("rawtypes")
  public static Class<? extends Tuple> getTupleClass(int arity) {
    return switch (arity) {
      case 1 -> Tuple1.class;
      case 2 -> Tuple2.class;
      case 3 -> Tuple3.class;
      case 4 -> Tuple4.class;
      case 5 -> Tuple5.class;
      case 6 -> Tuple6.class;
      case 7 -> Tuple7.class;
      case 8 -> Tuple8.class;
      case 9 -> Tuple9.class;
      case 10 -> Tuple10.class;
      case 11 -> Tuple11.class;
      case 12 -> Tuple12.class;
      case 13 -> Tuple13.class;
      case 14 -> Tuple14.class;
      case 15 -> Tuple15.class;
      case 16 -> Tuple16.class;
      case 17 -> Tuple17.class;
      case 18 -> Tuple18.class;
      case 19 -> Tuple19.class;
      case 20 -> Tuple20.class;
      case 21 -> Tuple21.class;
      case 22 -> Tuple22.class;
      case 23 -> Tuple23.class;
      case 24 -> Tuple24.class;
      case 25 -> Tuple25.class;
      default ->
          throw new IllegalArgumentException(
              "Tuples have arity 1 to " + MAX_ARITY + ", not " + arity);
    };
  }

  IndexOutOfBoundsException outOfBounds(int pos) {
    return new IndexOutOfBoundsException(
        "Field "
            + pos
            + " of a tuple of arity "
            + getArity()
            + " (fields are 0.."
            + (getArity() - 1)
            + ")");
  }
}
