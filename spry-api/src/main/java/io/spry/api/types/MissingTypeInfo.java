package io.spry.api.types;

import io.spry.api.annotation.Public;

/**
 * A type that erasure hid, typically the output of a lambda whose result type is generic (a {@code
 * Tuple2<String, Integer>} built in a lambda) or of a {@code flatMap} lambda (whose {@code
 * Collector} loses its type argument). It knows the raw class where there is one, what the type
 * belonged to, and where in the user's code that was.
 */
@Public
public final class MissingTypeInfo<T> extends TypeInfo<T> {
  private final Class<T> rawClass;
  private final String what;
  private final String reason;

  /**
   * @param rawClass the class known despite erasure, or {@code Object.class}
   * @param what what the type belongs to, e.g. {@code "the output of flatMap at
   *     Job.main(Job.java:12)"}
   * @param reason why it is missing
   */
  public MissingTypeInfo(Class<T> rawClass, String what, String reason) {
    this.rawClass = rawClass;
    this.what = what;
    this.reason = reason;
  }

  @Override
  public Class<T> getTypeClass() {
    return rawClass;
  }

  /** What the type belongs to, e.g. {@code "the output of flatMap at Job.main(Job.java:12)"}. */
  public String getWhat() {
    return what;
  }

  /** Why the type is missing. */
  public String getReason() {
    return reason;
  }

  @Override
  public boolean isComplete() {
    return false;
  }

  /** The error to raise where this type is needed for {@code use}. */
  public InvalidTypesException error(String use) {
    return new InvalidTypesException(
        "The type of "
            + what
            + " is needed for "
            + use
            + " but could not be determined: "
            + reason
            + ". Give it with .returns(...) right after that operator, e.g."
            + " .returns(Types.TUPLE(Types.STRING, Types.INT)) or"
            + " .returns(new TypeHint<Tuple2<String, Integer>>() {}), or implement the function as a"
            + " class instead of a lambda.");
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    throw error("a serializer");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MissingTypeInfo<?> m
        && m.rawClass == rawClass
        && m.what.equals(what)
        && m.reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rawClass.hashCode() + what.hashCode()) + reason.hashCode();
  }

  @Override
  public String toString() {
    return "Missing(" + rawClass.getName() + ", " + what + ")";
  }
}
