package io.spry.api.tuple;

import io.spry.api.annotation.Public;
import java.util.Objects;

/** A tuple of 3 fields. */
@Public
public final class Tuple3<T0, T1, T2> extends Tuple {
  public T0 f0;
  public T1 f1;
  public T2 f2;

  /** A tuple with all fields null. */
  public Tuple3() {}

  public Tuple3(T0 f0, T1 f1, T2 f2) {
    this.f0 = f0;
    this.f1 = f1;
    this.f2 = f2;
  }

  public static <T0, T1, T2> Tuple3<T0, T1, T2> of(T0 f0, T1 f1, T2 f2) {
    return new Tuple3<>(f0, f1, f2);
  }

  @Override
  public int getArity() {
    return 3;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getField(int pos) {
    return switch (pos) {
      case 0 -> (T) f0;
      case 1 -> (T) f1;
      case 2 -> (T) f2;
      default -> throw outOfBounds(pos);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void setField(int pos, T value) {
    switch (pos) {
      case 0 -> f0 = (T0) value;
      case 1 -> f1 = (T1) value;
      case 2 -> f2 = (T2) value;
      default -> throw outOfBounds(pos);
    }
  }

  @Override
  public Tuple3<T0, T1, T2> copy() {
    return new Tuple3<>(f0, f1, f2);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tuple3<?, ?, ?> t)) {
      return false;
    }
    return Objects.equals(f0, t.f0) && Objects.equals(f1, t.f1) && Objects.equals(f2, t.f2);
  }

  /**
   * Combines the fields' hash codes as {@code 31 * h + field}. Keys are routed by Spry's own stable
   * hashing, not by this method, so an enum field is safe as a key.
   */
  @Override
  public int hashCode() {
    int h = 0;
    h = 31 * h + Objects.hashCode(f0);
    h = 31 * h + Objects.hashCode(f1);
    h = 31 * h + Objects.hashCode(f2);
    return h;
  }

  /** Prints {@code (f0,f1,...)}. */
  @Override
  public String toString() {
    return "(" + f0 + "," + f1 + "," + f2 + ")";
  }
}
