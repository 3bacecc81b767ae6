package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;

/**
 * Writes values of one type to bytes and reads them back; used for state snapshots and the network,
 * never for local exchanges. Instances are not thread-safe.
 */
@Public
public interface TypeSerializer<T> {

  void serialize(T value, DataOutputView out) throws IOException;

  T deserialize(DataInputView in) throws IOException;

  /** A deep copy of {@code value}, or the value itself for immutable types. */
  T copy(T value);
}
