package io.spry.api.state;

import io.spry.api.annotation.Public;
import io.spry.api.types.TypeInfo;

/** Describes a {@link ListState}; the type is the element type. */
@Public
public final class ListStateDescriptor<T> extends StateDescriptor<ListState<T>, T> {
  public ListStateDescriptor(String name, Class<T> elementType) {
    super(name, TypeInfo.of(elementType));
  }

  public ListStateDescriptor(String name, TypeInfo<T> elementType) {
    super(name, elementType);
  }

  @Override
  public Kind getKind() {
    return Kind.LIST;
  }
}
