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

  /**
   * {@code value}'s bytes prefixed with the serializer's version (4 bytes, big-endian): one byte
   * array that {@link #readWithVersion} reads back, for a runtime that stores opaque elements.
   */
  static <T> byte[] writeWithVersion(VersionedSerializer<T> serializer, T value)
      throws IOException {
    int version = serializer.getVersion();
    byte[] bytes = serializer.serialize(value);
    byte[] out = new byte[4 + bytes.length];
    out[0] = (byte) (version >>> 24);
    out[1] = (byte) (version >>> 16);
    out[2] = (byte) (version >>> 8);
    out[3] = (byte) version;
    System.arraycopy(bytes, 0, out, 4, bytes.length);
    return out;
  }

  /** Reads what {@link #writeWithVersion} wrote, with the version it holds. */
  static <T> T readWithVersion(VersionedSerializer<T> serializer, byte[] versioned)
      throws IOException {
    if (versioned.length < 4) {
      throw new IOException(
          "Malformed versioned bytes: " + versioned.length + " bytes, fewer than the version");
    }
    int version =
        ((versioned[0] & 0xFF) << 24)
            | ((versioned[1] & 0xFF) << 16)
            | ((versioned[2] & 0xFF) << 8)
            | (versioned[3] & 0xFF);
    return serializer.deserialize(
        version, java.util.Arrays.copyOfRange(versioned, 4, versioned.length));
  }
}
