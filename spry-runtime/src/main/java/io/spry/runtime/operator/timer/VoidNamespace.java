package io.spry.runtime.operator.timer;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;

/** The namespace of state and timers that belong to a key only (not to a window). */
public enum VoidNamespace {
  INSTANCE;

  /** Its type: serialized as nothing at all. */
  public static final TypeInfo<VoidNamespace> TYPE =
      new TypeInfo<>() {
        @Override
        public Class<VoidNamespace> getTypeClass() {
          return VoidNamespace.class;
        }

        @Override
        public TypeSerializer<VoidNamespace> createSerializer() {
          return new TypeSerializer<>() {
            @Override
            public void serialize(VoidNamespace value, DataOutputView out) {}

            @Override
            public VoidNamespace deserialize(DataInputView in) {
              return INSTANCE;
            }

            @Override
            public VoidNamespace copy(VoidNamespace value) {
              return value;
            }
          };
        }

        @Override
        public String toString() {
          return "VoidNamespace";
        }
      };
}
