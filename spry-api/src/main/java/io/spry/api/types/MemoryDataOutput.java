package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@link DataOutputView} that writes into a growable byte array. Multi-byte values are written
 * big-endian, as {@link java.io.DataOutputStream} does. Writing allocates only when the buffer has
 * to grow; {@link #reset()} keeps the buffer for reuse. Not thread-safe.
 */
@Public
public final class MemoryDataOutput implements DataOutputView {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private byte[] buffer;
  private int position;

  /** An output with a 64 byte initial buffer. */
  public MemoryDataOutput() {
    this(64);
  }

  public MemoryDataOutput(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("negative capacity " + initialCapacity);
    }
    this.buffer = new byte[initialCapacity];
  }

  /** Forgets what was written; keeps the buffer. */
  public void reset() {
    position = 0;
  }

  /** Forgets what was written after {@code position} (an earlier {@link #position()}). */
  public void truncate(int position) {
    if (position < 0 || position > this.position) {
      throw new IllegalArgumentException(
          "Cannot truncate to " + position + " with " + this.position + " bytes written");
    }
    this.position = position;
  }

  /** The number of bytes written since the last {@link #reset()}. */
  public int position() {
    return position;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  /**
   * The internal buffer; bytes {@code 0..position()-1} are the ones written. It is replaced when
   * the output grows, so do not keep it across writes.
   */
  public byte[] buffer() {
    return buffer;
  }

  private void ensure(int more) {
    int needed = position + more;
    if (needed < 0 || needed > MAX_ARRAY) {
      throw new OutOfMemoryError("MemoryDataOutput cannot grow beyond " + MAX_ARRAY + " bytes");
    }
    if (needed > buffer.length) {
      int grown = (int) Math.min(MAX_ARRAY, Math.max((long) buffer.length * 2, needed));
      buffer = Arrays.copyOf(buffer, Math.max(grown, 16));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[position++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buffer, position, len);
    position += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    SHORT.set(buffer, position, (short) v);
    position += 2;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    INT.set(buffer, position, v);
    position += 4;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    LONG.set(buffer, position, v);
    position += 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  /** Writes the low byte of each char, as {@link java.io.DataOutput#writeBytes} specifies. */
  @Override
  public void writeBytes(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[position++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int n = s.length();
    ensure(2 * n);
    for (int i = 0; i < n; i++) {
      SHORT.set(buffer, position, (short) s.charAt(i));
      position += 2;
    }
  }

  /** Modified UTF-8 with a 2 byte length, as {@link java.io.DataOutput#writeUTF} specifies. */
  @Override
  public void writeUTF(String s) throws UTFDataFormatException {
    int n = s.length();
    int utfLength = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      utfLength += (c >= 0x0001 && c <= 0x007F) ? 1 : (c <= 0x07FF ? 2 : 3);
    }
    if (utfLength > 65535) {
      throw new UTFDataFormatException(
          "writeUTF takes strings up to 65535 encoded bytes, not " + utfLength);
    }
    ensure(2 + utfLength);
    writeShort(utfLength);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        buffer[position++] = (byte) c;
      } else if (c <= 0x07FF) {
        buffer[position++] = (byte) (0xC0 | (c >> 6));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      } else {
        buffer[position++] = (byte) (0xE0 | (c >> 12));
        buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  /** Writes the chars of a string in Spry's compact string encoding; see BasicSerializers. */
  void writeCompactChars(String s) {
    int n = s.length();
    ensure(3 * n);
    byte[] b = buffer;
    int p = position;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    position = p;
  }
}
