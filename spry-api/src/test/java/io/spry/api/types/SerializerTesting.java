package io.spry.api.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Round trips through a serializer, over both the memory views and plain java.io streams. */
final class SerializerTesting {
  private SerializerTesting() {}

  /** A java.io stream as a view, so serializers take their generic (non-memory) code paths. */
  static final class StreamOut extends DataOutputStream implements DataOutputView {
    StreamOut(ByteArrayOutputStream out) {
      super(out);
    }
  }

  static final class StreamIn extends DataInputStream implements DataInputView {
    StreamIn(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }
  }

  static <T> byte[] bytes(TypeSerializer<T> serializer, T value) {
    MemoryDataOutput out = new MemoryDataOutput(4);
    try {
      serializer.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Serializes and deserializes {@code value} with a fresh serializer of {@code type}, checking
   * that the memory and stream paths write the same bytes and that reading consumes them all.
   */
  static <T> T roundTrip(TypeInfo<T> type, T value) {
    TypeSerializer<T> serializer = type.createSerializer();
    try {
      byte[] viaMemory = bytes(serializer, value);
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      StreamOut streamOut = new StreamOut(bos);
      serializer.serialize(value, streamOut);
      streamOut.flush();
      assertThat(bos.toByteArray()).as("bytes via java.io").isEqualTo(viaMemory);

      MemoryDataInput in = new MemoryDataInput(viaMemory);
      T read = serializer.deserialize(in);
      assertThat(in.available()).as("unread bytes").isZero();

      StreamIn streamIn = new StreamIn(viaMemory);
      T readFromStream = serializer.deserialize(streamIn);
      assertThat(streamIn.available()).as("unread bytes via java.io").isZero();
      assertThat(bytes(serializer, readFromStream))
          .as("the value read via java.io writes the same bytes")
          .isEqualTo(bytes(serializer, read));
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertDeepEquals(Object actual, Object expected) {
    if (expected != null && expected.getClass().isArray()) {
      assertThat(actual).isNotNull();
      assertThat(java.util.Objects.deepEquals(actual, expected)).as("arrays equal").isTrue();
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }
}
