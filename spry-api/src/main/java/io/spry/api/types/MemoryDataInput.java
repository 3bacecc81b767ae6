package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A {@link DataInputView} that reads from a region of a byte array, big-endian, as {@link
 * java.io.DataInputStream} does. Reading past the region throws {@link EOFException}. {@link
 * #setBuffer} rewraps it without allocating. Not thread-safe.
 */
@Public
public final class MemoryDataInput implements DataInputView {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int position;
  private int end;

  /** An input over no bytes; call {@link #setBuffer} before reading. */
  public MemoryDataInput() {
    this(new byte[0]);
  }

  public MemoryDataInput(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  public MemoryDataInput(byte[] buffer, int offset, int length) {
    setBuffer(buffer, offset, length);
  }

  /** Reads {@code length} bytes of {@code buffer} from {@code offset} on. */
  public void setBuffer(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  /** The index in the buffer of the next byte to read. */
  public int position() {
    return position;
  }

  /** The number of bytes left to read. */
  public int available() {
    return end - position;
  }

  private void need(int n) throws EOFException {
    if (end - position < n) {
      throw new EOFException(
          "needed " + n + " more bytes but only " + (end - position) + " are left");
    }
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    need(len);
    System.arraycopy(buffer, position, b, off, len);
    position += len;
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    need(1);
    return buffer[position++];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    need(2);
    short v = (short) SHORT.get(buffer, position);
    position += 2;
    return v;
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    int v = (int) INT.get(buffer, position);
    position += 4;
    return v;
  }

  @Override
  public long readLong() throws IOException {
    need(8);
    long v = (long) LONG.get(buffer, position);
    position += 8;
    return v;
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** Reads bytes as Latin-1 chars up to a line end, as {@link java.io.DataInput} specifies. */
  @Override
  public String readLine() {
    if (position >= end) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (position < end) {
      char c = (char) (buffer[position++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (position < end && buffer[position] == '\n') {
          position++;
        }
        break;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }

  /** Reads {@code n} chars in Spry's compact string encoding into {@code chars}. */
  void readCompactChars(char[] chars, int n) throws IOException {
    byte[] b = buffer;
    int p = position;
    for (int i = 0; i < n; i++) {
      if (p >= end) {
        throw new EOFException("string ends early, after " + i + " of " + n + " chars");
      }
      int c = b[p++] & 0xFF;
      if (c < 0x80) {
        chars[i] = (char) c;
      } else if (c < 0xE0) {
        if (p >= end) {
          throw new EOFException("string ends early");
        }
        chars[i] = (char) (((c & 0x1F) << 6) | (b[p++] & 0x3F));
      } else {
        if (p + 1 >= end) {
          throw new EOFException("string ends early");
        }
        chars[i] = (char) (((c & 0x0F) << 12) | ((b[p++] & 0x3F) << 6) | (b[p++] & 0x3F));
      }
    }
    position = p;
  }
}
