package io.spry.api.connector.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The text output of one part file: encodes characters as UTF-8 straight into a byte buffer, so it
 * knows the exact size of what was written (for rolling by size) and can take back the end of it
 * ({@link #truncate}, when an encoder fails halfway through a record). A malformed surrogate is
 * written as {@code ?}, as {@link String#getBytes} does.
 *
 * <p>Not thread-safe: one writer thread. Errors name the file.
 */
final class PartFileOutput extends Writer {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
  private int position; // bytes in the buffer
  private long flushed; // bytes in the file
  private char highSurrogate; // waiting for its low half, or 0

  /** Creates {@code file}, which must not exist. */
  PartFileOutput(Path file) throws IOException {
    this.file = file;
    try {
      this.channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException("Cannot create part file " + file + ": " + e, e);
    }
  }

  Path file() {
    return file;
  }

  /** The bytes written so far, buffered or not. */
  long size() {
    return flushed + position;
  }

  @Override
  public void write(int c) throws IOException {
    writeChar((char) c);
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    for (int i = off, end = off + len; i < end; i++) {
      writeChar(chars[i]);
    }
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    for (int i = off, end = off + len; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && highSurrogate == 0 && position < BUFFER_BYTES) {
        buffer[position++] = (byte) c;
      } else {
        writeChar(c);
      }
    }
  }

  @Override
  public void write(String s) throws IOException {
    write(s, 0, s.length());
  }

  private void writeChar(char c) throws IOException {
    if (highSurrogate != 0) {
      char high = highSurrogate;
      highSurrogate = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        room(4);
        buffer[position++] = (byte) (0xF0 | (cp >> 18));
        buffer[position++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buffer[position++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      room(1);
      buffer[position++] = '?';
    }
    if (c < 0x80) {
      room(1);
      buffer[position++] = (byte) c;
    } else if (c < 0x800) {
      room(2);
      buffer[position++] = (byte) (0xC0 | (c >> 6));
      buffer[position++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      highSurrogate = c;
    } else if (Character.isLowSurrogate(c)) {
      room(1);
      buffer[position++] = '?';
    } else {
      room(3);
      buffer[position++] = (byte) (0xE0 | (c >> 12));
      buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buffer[position++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  private void room(int bytes) throws IOException {
    if (position + bytes > BUFFER_BYTES) {
      drain();
    }
  }

  /** Writes the buffer to the file. */
  private void drain() throws IOException {
    wrapped.clear().limit(position);
    try {
      while (wrapped.hasRemaining()) {
        channel.write(wrapped);
      }
    } catch (IOException e) {
      throw new IOException("Cannot write part file " + file + ": " + e.getMessage(), e);
    }
    flushed += position;
    position = 0;
  }

  /**
   * Takes back everything after the first {@code size} bytes (a {@link #size()} read earlier), from
   * the buffer and, if it was drained since, from the file.
   */
  void truncate(long size) throws IOException {
    highSurrogate = 0;
    if (size >= flushed) {
      position = (int) (size - flushed);
      return;
    }
    try {
      channel.truncate(size);
      channel.position(size);
    } catch (IOException e) {
      throw new IOException("Cannot truncate part file " + file + ": " + e.getMessage(), e);
    }
    flushed = size;
    position = 0;
  }

  /** Drains the buffer, without forcing it to disk. */
  @Override
  public void flush() throws IOException {
    drain();
  }

  /**
   * Drains the buffer, forces the file's content to the storage device, so it survives a machine
   * failure, and closes the file.
   */
  void closeDurably() throws IOException {
    if (highSurrogate != 0) {
      highSurrogate = 0;
      room(1);
      buffer[position++] = '?';
    }
    try (channel) {
      drain();
      channel.force(true);
    } catch (IOException e) {
      throw new IOException("Cannot write part file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file without writing what is buffered. */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
