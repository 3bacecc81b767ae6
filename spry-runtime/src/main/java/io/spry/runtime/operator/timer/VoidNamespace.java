package io.spry.runtime.operator.timer;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeSerializer;

/** The namespace of state and timers that belong to a key only (not to a window). */
public enum VoidNamespace {
  INSTANCE;

  /** Writes nothing: there is one value. */
  public static final TypeSerializer<VoidNamespace> SERIALIZER =
      new TypeSerializer<>() {
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
