package io.spry.api.windowing.windows;

import io.spry.api.annotation.Public;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;

/** The type of {@link GlobalWindow}: there is one, so it is serialized as no bytes at all. */
@Public
public final class GlobalWindowTypeInfo extends TypeInfo<GlobalWindow> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final GlobalWindowTypeInfo INSTANCE = new GlobalWindowTypeInfo();

  private GlobalWindowTypeInfo() {}

  @Override
  public Class<GlobalWindow> getTypeClass() {
    return GlobalWindow.class;
  }

  @Override
  public TypeSerializer<GlobalWindow> createSerializer() {
    return new TypeSerializer<>() {
      @Override
      public void serialize(GlobalWindow value, DataOutputView out) {}

      @Override
      public GlobalWindow deserialize(DataInputView in) {
        return GlobalWindow.get();
      }

      @Override
      public GlobalWindow copy(GlobalWindow value) {
        return value;
      }
    };
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobalWindowTypeInfo;
  }

  @Override
  public int hashCode() {
    return GlobalWindowTypeInfo.class.hashCode();
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }
}
