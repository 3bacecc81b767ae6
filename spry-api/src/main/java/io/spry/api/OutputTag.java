package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.io.Serializable;
import java.lang.reflect.ParameterizedType;
import java.util.Objects;

/**
 * Names a side output and its type. Two tags are the same side output when their ids are equal.
 *
 * <pre>{@code
 * OutputTag<String> rejected = new OutputTag<>("rejected", Types.STRING);
 * OutputTag<String> late = new OutputTag<String>("late") {}; // type from the anonymous subclass
 * }</pre>
 */
@Public
public class OutputTag<T> implements Serializable {
  /** Ids that start with this are Spry's own (see {@link #DEAD_LETTERS_ID}). */
  public static final String RESERVED_PREFIX = "spry.";

  /** The id of the side output that carries an operator's {@link DeadLetter dead letters}. */
  public static final String DEAD_LETTERS_ID = RESERVED_PREFIX + "deadLetters";

  private final String id;
  private final TypeInfo<T> type;

  /** A tag whose type comes from an anonymous subclass: {@code new OutputTag<String>("x") {}}. */
  @SuppressWarnings("unchecked")
  public OutputTag(String id) {
    this.id = checkId(id);
    if (getClass() == OutputTag.class
        || !(getClass().getGenericSuperclass() instanceof ParameterizedType p)) {
      throw new InvalidTypesException(
          "OutputTag '"
              + id
              + "' needs its type: write new OutputTag<MyType>(\""
              + id
              + "\") {} (note the braces) or new OutputTag<>(\""
              + id
              + "\", Types.of(MyType.class))");
    }
    this.type = (TypeInfo<T>) TypeExtractor.forType(p.getActualTypeArguments()[0]);
  }

  public OutputTag(String id, TypeInfo<T> type) {
    this.id = checkId(id);
    this.type = Objects.requireNonNull(type, "type");
  }

  public OutputTag(String id, Class<T> type) {
    this(id, TypeInfo.of(type));
  }

  /** A tag of Spry's own, whose id may use the reserved prefix. */
  OutputTag(TypeInfo<T> type, String reservedId) {
    this.id = reservedId;
    this.type = type;
  }

  private static String checkId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("An OutputTag needs a non-empty id");
    }
    if (id.startsWith(RESERVED_PREFIX)) {
      throw new IllegalArgumentException(
          "OutputTag id '"
              + id
              + "': ids starting with '"
              + RESERVED_PREFIX
              + "' are reserved for Spry's own side outputs (dead letters, say); choose another"
              + " id");
    }
    return id;
  }

  public String getId() {
    return id;
  }

  public TypeInfo<T> getType() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> t && t.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ")";
  }
}
