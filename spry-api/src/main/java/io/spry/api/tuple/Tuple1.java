package io.spry.api.tuple;

import io.spry.api.annotation.Public;
import java.util.Objects;

/** A tuple of 1 field. */
@Public
public final class Tuple1<T0> extends Tuple {
  public T0 f0;

  /** A tuple with all fields null. */
  public Tuple1() {}

  public Tuple1(T0 f0) {
    this.f0 = f0;
  }

  public static <T0> Tuple1<T0> of(T0 f0) {
    return new Tuple1<>(f0);
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getField(int pos) {
    return switch (pos) {
      case 0 -> (T) f0;
      default -> throw outOfBounds(pos);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void setField(int pos, T value) {
    switch (pos) {
      case 0 -> f0 = (T0) value;
      default -> throw outOfBounds(pos);
    }
  }

  @Override
  public Tuple1<T0> copy() {
    return new Tuple1<>(f0);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tuple1<?> t)) {
      return false;
    }
    return Objects.equals(f0, t.f0);
  }

  /**
   * Combines the fields' hash codes as {@code 31 * h + field}. Keys are routed by Spry's own stable
   * hashing, not by this method, so an enum field is safe as a key.
   */
  @Override
  public int hashCode() {
    int h = 0;
    h = 31 * h + Objects.hashCode(f0);
    return h;
  }

  /** Prints {@code (f0,f1,...)}. */
  @Override
  public String toString() {
    return "(" + f0 + ")";
  }
}
