package io.spry.api.connector.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a channel, keeping the byte offset of the next line so that a reader can
 * later resume by seeking. Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (as with
 * {@link java.io.BufferedReader#readLine()}); the last line need not end with one.
 *
 * <p>Unlike a {@code BufferedReader}, it splits lines on the bytes and decodes each line on its
 * own, so a malformed byte sequence fails exactly the line that holds it (a {@link
 * CharacterCodingException}), never an earlier one that shares a read-ahead buffer. ASCII lines
 * take a fast path; the buffers are reused.
 */
final class Utf8LineReader implements Closeable {
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
  private static final int MAX_BUFFER_BYTES = 1 << 30;

  private final SeekableByteChannel channel;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
  private ByteBuffer readView = ByteBuffer.wrap(buf);
  private ByteBuffer decodeView = ByteBuffer.wrap(buf);
  private CharBuffer chars = CharBuffer.allocate(256);
  private int pos;
  private int limit;
  private boolean eof;
  private long offset;

  /** Reads from {@code channel}, starting at byte {@code offset}. */
  Utf8LineReader(SeekableByteChannel channel, long offset) throws IOException {
    this.channel = channel;
    channel.position(offset);
    this.offset = offset;
  }

  /** The byte offset of the next line: everything before it was returned. */
  long offset() {
    return offset;
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws MalformedLineException if the line is not valid UTF-8 (the reader moves past it)
   */
  String readLine() throws IOException {
    int scanFrom = pos;
    while (true) {
      int i = scanFrom;
      while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
        i++;
      }
      if (i < limit) {
        boolean cr = buf[i] == '\r';
        if (cr && i + 1 == limit && !eof) {
          int rel = i - pos; // peek past the \r: it may start a \r\n
          fill();
          scanFrom = pos + rel;
          continue;
        }
        int consumedEnd = (cr && i + 1 < limit && buf[i + 1] == '\n') ? i + 2 : i + 1;
        return take(i, consumedEnd);
      }
      if (eof) {
        return pos == limit ? null : take(limit, limit);
      }
      int rel = limit - pos;
      fill();
      scanFrom = pos + rel;
    }
  }

  private String take(int lineEnd, int consumedEnd) throws CharacterCodingException {
    String line;
    try {
      line = decode(pos, lineEnd - pos);
    } catch (CharacterCodingException e) {
      byte[] raw = Arrays.copyOfRange(buf, pos, lineEnd);
      offset += consumedEnd - pos;
      pos = consumedEnd;
      throw new MalformedLineException(raw, e);
    }
    offset += consumedEnd - pos;
    pos = consumedEnd;
    return line;
  }

  /**
   * A line that is not valid UTF-8. The reader has moved past it: the next {@code readLine} returns
   * the line after it.
   */
  static final class MalformedLineException extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] bytes;

    MalformedLineException(byte[] bytes, CharacterCodingException cause) {
      this.bytes = bytes;
      initCause(cause);
    }

    /** The line's bytes, without its terminator. */
    byte[] bytes() {
      return bytes;
    }

    @Override
    public String getMessage() {
      return "a line of " + bytes.length + " bytes is not valid UTF-8";
    }
  }

  private String decode(int from, int length) throws CharacterCodingException {
    int end = from + length;
    int i = from;
    while (i < end && buf[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(buf, from, length, StandardCharsets.ISO_8859_1); // ASCII
    }
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
    }
    chars.clear();
    decodeView.limit(end).position(from);
    decoder.reset();
    CoderResult result = decoder.decode(decodeView, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      result.throwException();
    }
    return chars.flip().toString();
  }

  /** Reads more bytes after {@code limit}, compacting or growing the buffer; sets {@code eof}. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_BUFFER_BYTES) {
        throw new IOException("A line is longer than " + MAX_BUFFER_BYTES + " bytes");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
      readView = ByteBuffer.wrap(buf);
      decodeView = ByteBuffer.wrap(buf);
    }
    readView.limit(buf.length).position(limit);
    int n = channel.read(readView);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
