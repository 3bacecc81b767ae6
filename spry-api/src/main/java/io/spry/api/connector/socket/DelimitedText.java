package io.spry.api.connector.socket;

import io.spry.api.connector.source.ReaderOutput;

/**
 * Cuts a stream of characters, fed in chunks, into records at a delimiter. With the delimiter
 * {@code "\n"}, a {@code '\r'} before it is dropped too, so CRLF lines come out clean.
 */
final class DelimitedText {
  private final String delimiter;
  private final boolean stripCarriageReturn;
  private final StringBuilder pending = new StringBuilder();

  DelimitedText(String delimiter) {
    if (delimiter == null || delimiter.isEmpty()) {
      throw new IllegalArgumentException("The delimiter must not be empty");
    }
    this.delimiter = delimiter;
    this.stripCarriageReturn = delimiter.equals("\n");
  }

  /** Adds {@code length} chars of {@code chunk} and emits every record they complete. */
  void feed(char[] chunk, int length, ReaderOutput<String> output) {
    int before = pending.length();
    pending.append(chunk, 0, length);
    int start = 0;
    int from = Math.max(0, before - delimiter.length() + 1); // a delimiter may straddle chunks
    int at;
    while ((at = pending.indexOf(delimiter, from)) >= 0) {
      int end = at;
      if (stripCarriageReturn && end > start && pending.charAt(end - 1) == '\r') {
        end--;
      }
      output.collect(pending.substring(start, end));
      start = at + delimiter.length();
      from = start;
    }
    if (start > 0) {
      pending.delete(0, start);
    }
  }

  /** Emits what is left after the last delimiter, if anything: the input ended. */
  void finish(ReaderOutput<String> output) {
    if (pending.length() > 0) {
      int end = pending.length();
      if (stripCarriageReturn && pending.charAt(end - 1) == '\r') {
        end--;
      }
      output.collect(pending.substring(0, end));
      pending.setLength(0);
    }
  }
}
