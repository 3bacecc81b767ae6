package io.spry.api.types;

import io.spry.api.annotation.Public;

/**
 * State written with one version of a type cannot be read as the type it has now: a field's type
 * changed in a way Spry cannot convert (a {@code String} became an {@code int}), the class is no
 * longer the same record or POJO, or a type serialized by Kryo changed its fields. The message
 * names the field (a dotted path from the state's type, {@code []} for a collection's elements,
 * {@code {key}} and {@code {value}} for a map's) and its old and new type; where state was
 * restored, the message also names the state, and the job's error the operator.
 *
 * <p>See {@link TypeSchema} for the changes that can be restored.
 */
@Public
public final class IncompatibleSchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String fieldPath;
  private final String previousType;
  private final String currentType;
  private final String detail;

  /**
   * @param fieldPath the field that changed, empty for the type as a whole
   * @param previousType the field's type when the state was written
   * @param currentType the field's type now
   * @param detail why the change cannot be converted, or null for "which cannot be converted"
   */
  public IncompatibleSchemaException(
      String fieldPath, String previousType, String currentType, String detail) {
    super(describe(fieldPath, previousType, currentType, detail));
    this.fieldPath = fieldPath;
    this.previousType = previousType;
    this.currentType = currentType;
    this.detail = detail;
  }

  /**
   * The same incompatibility told in context: {@code message} says where (which state of which
   * operator) and includes the cause's message.
   */
  public IncompatibleSchemaException(String message, IncompatibleSchemaException cause) {
    super(message, cause);
    this.fieldPath = cause.fieldPath;
    this.previousType = cause.previousType;
    this.currentType = cause.currentType;
    this.detail = cause.detail;
  }

  private static String describe(String path, String previous, String current, String detail) {
    String what =
        path.isEmpty()
            ? "the type changed from " + previous + " to " + current
            : "field '" + path + "' changed from " + previous + " to " + current;
    return what + (detail == null ? ", which cannot be converted" : ": " + detail);
  }

  /** The field that changed, as a dotted path from the state's type; empty for the whole type. */
  public String getFieldPath() {
    return fieldPath;
  }

  /** The field's type when the state was written. */
  public String getPreviousType() {
    return previousType;
  }

  /** The field's type now. */
  public String getCurrentType() {
    return currentType;
  }

  /** Why the change cannot be converted, or null when it is simply not a conversion Spry makes. */
  public String getDetail() {
    return detail;
  }
}
