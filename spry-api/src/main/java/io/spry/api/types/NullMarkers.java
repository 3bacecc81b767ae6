package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.io.IOException;

/**
 * Null handling for composite serializers. A single nullable value is a boolean marker then the
 * value; the fields of a tuple, record or POJO are a bitmap of their nulls ({@code ceil(n / 8)}
 * bytes, bit {@code i % 8} of byte {@code i / 8} set when field {@code i} is null) then the
 * non-null fields.
 */
@Internal
public final class NullMarkers {
  private NullMarkers() {}

  /** Writes a marker, then the value if it is not null. */
  public static <T> void writeNullable(T value, TypeSerializer<T> serializer, DataOutputView out)
      throws IOException {
    if (value == null) {
      out.writeBoolean(false);
    } else {
      out.writeBoolean(true);
      serializer.serialize(value, out);
    }
  }

  public static <T> T readNullable(TypeSerializer<T> serializer, DataInputView in)
      throws IOException {
    return in.readBoolean() ? serializer.deserialize(in) : null;
  }

  public static <T> T copyNullable(T value, TypeSerializer<T> serializer) {
    return value == null ? null : serializer.copy(value);
  }

  /** Writes the null bitmap of {@code values[0..n-1]}. */
  public static void writeBitmap(Object[] values, int n, DataOutputView out) throws IOException {
    for (int start = 0; start < n; start += 8) {
      int bits = 0;
      int end = Math.min(n, start + 8);
      for (int i = start; i < end; i++) {
        if (values[i] == null) {
          bits |= 1 << (i - start);
        }
      }
      out.writeByte(bits);
    }
  }

  /** Reads a null bitmap of {@code n} fields into {@code isNull[0..n-1]}. */
  public static void readBitmap(boolean[] isNull, int n, DataInputView in) throws IOException {
    for (int start = 0; start < n; start += 8) {
      int bits = in.readUnsignedByte();
      int end = Math.min(n, start + 8);
      for (int i = start; i < end; i++) {
        isNull[i] = (bits & (1 << (i - start))) != 0;
      }
    }
  }
}
