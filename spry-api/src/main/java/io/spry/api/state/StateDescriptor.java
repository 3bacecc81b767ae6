package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.types.TypeInfo;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a piece of keyed state and gives the type it stores. The name is unique within an operator;
 * the type gives the serializer used for snapshots.
 *
 * @param <S> the state handle's type
 * @param <T> the stored type
 */
@Public
public abstract class StateDescriptor<S extends State, T> implements Serializable {

  /** The kinds of keyed state. */
  public enum Kind {
    VALUE,
    LIST,
    REDUCING,
    AGGREGATING,
    MAP
  }

  private final String name;
  private final TypeInfo<T> type;
  private StateTtlConfig ttlConfig;

  protected StateDescriptor(String name, TypeInfo<T> type) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A state descriptor needs a non-empty name");
    }
    this.name = name;
    this.type = Objects.requireNonNull(type, "type of state '" + name + "'");
  }

  public String getName() {
    return name;
  }

  /** The type kept in state: the value, the list element, the accumulator, or the map value. */
  public TypeInfo<T> getType() {
    return type;
  }

  public abstract Kind getKind();

  /**
   * Lets the state's values expire (see {@link StateTtlConfig}). List elements and map entries
   * expire one by one.
   */
  public void enableTimeToLive(StateTtlConfig ttlConfig) {
    this.ttlConfig = Objects.requireNonNull(ttlConfig, "ttlConfig");
  }

  /** The time to live, or null when values never expire. */
  public StateTtlConfig getTtlConfig() {
    return ttlConfig;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ", " + type + ")";
  }
}
