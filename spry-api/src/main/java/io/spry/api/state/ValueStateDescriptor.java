package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.types.TypeInfo;

/** Describes a {@link ValueState}. */
@Public
public final class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
  private final T defaultValue;

  public ValueStateDescriptor(String name, Class<T> type) {
    this(name, TypeInfo.of(type), null);
  }

  public ValueStateDescriptor(String name, TypeInfo<T> type) {
    this(name, type, null);
  }

  /**
   * A value state whose {@code value()} returns {@code defaultValue} where nothing was stored. The
   * default is shared by all keys: it must be immutable.
   */
  public ValueStateDescriptor(String name, TypeInfo<T> type, T defaultValue) {
    super(name, type);
    this.defaultValue = defaultValue;
  }

  public T getDefaultValue() {
    return defaultValue;
  }

  @Override
  public Kind getKind() {
    return Kind.VALUE;
  }
}
