package io.spry.api.types;

import io.spry.api.annotation.Internal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Variable-length encodings of non-negative ints and longs: 7 bits a byte, low bits first, the high
 * bit set on all but the last byte. Lengths and counts take 1 byte below 128.
 */
@Internal
public final class VarInts {
  private VarInts() {}

  /** Writes a non-negative int in 1 to 5 bytes. */
  public static void writeVarInt(DataOutput out, int value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("varints are non-negative, not " + value);
    }
    while ((value & ~0x7F) != 0) {
      out.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  public static int readVarInt(DataInput in) throws IOException {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (result < 0) {
          throw new IOException("corrupt varint: negative value " + result);
        }
        return result;
      }
    }
    throw new IOException("corrupt varint: more than 5 bytes");
  }

  /** Writes any long in 1 to 10 bytes (negative values take 10). */
  public static void writeVarLong(DataOutput out, long value) throws IOException {
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  public static long readVarLong(DataInput in) throws IOException {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      long b = in.readByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IOException("corrupt varlong: more than 10 bytes");
  }
}
