package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.io.IOException;

/**
 * Turns a connector's checkpointed objects (a sink's committables and writer states) into bytes and
 * back, with a version so that a newer connector can read what an older one wrote.
 *
 * <p>The runtime stores, for each object, the version returned by {@link #getVersion()} at the time
 * of the snapshot and the bytes; on restore it passes both back to {@link #deserialize}. A
 * serializer must therefore read every version it ever wrote, and fail with a message naming the
 * version for one it does not know (a checkpoint written by a newer release).
 *
 * <p>Implementations are stateless and thread-safe: the runtime may use one instance from several
 * threads.
 *
 * @param <T> the objects serialized
 */
@Public
public interface VersionedSerializer<T> {

  /** The version of the bytes {@link #serialize} writes now; positive. */
  int getVersion();

  /** The bytes of {@code value}, in the format of the current {@link #getVersion()}. */
  byte[] serialize(T value) throws IOException;

  /**
   * Reads an object written by {@link #serialize} of a serializer whose version was {@code
   * version}.
   *
   * @throws IOException if the version is unknown or the bytes are malformed, naming which
   */
  T deserialize(int version, byte[] serialized) throws IOException;
}
