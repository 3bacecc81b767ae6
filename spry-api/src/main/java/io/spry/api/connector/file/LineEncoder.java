package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;

/**
 * Turns a record into a line of text for a {@link FileSink}. The sink writes UTF-8 and ends each
 * record with {@code \n}; the encoder writes the record without it.
 *
 * <p>An encoder belongs to the sink, which all of the sink's subtasks share: it must hold no
 * mutable state (or be thread-safe). If it throws, what it wrote of that record is taken back, so
 * no partial line is left in the file.
 *
 * @param <T> the records encoded
 */
@Public
@FunctionalInterface
public interface LineEncoder<T> extends Serializable {

  /** Writes {@code element} to {@code out}, without the line terminator. */
  void encode(T element, Writer out) throws IOException;

  /** Each record's {@code String.valueOf}. */
  static <T> LineEncoder<T> toStringLines() {
    return BuiltInLineEncoder.TO_STRING.cast();
  }

  /**
   * Tuples and Java records as CSV lines: fields in position (tuples) or declaration (records)
   * order, separated by commas, each as its {@code toString()}; a field holding a comma, a double
   * quote, CR or LF is enclosed in double quotes and its double quotes are doubled (RFC 4180); a
   * null field is empty. Other types fail at their first record, naming the class.
   */
  static <T> LineEncoder<T> csv() {
    return BuiltInLineEncoder.CSV.cast();
  }

  /**
   * JSON Lines: each record as one JSON text on one line. Records and POJOs become objects of their
   * fields, maps objects, tuples, collections and arrays arrays; strings are escaped as RFC 8259
   * requires, so a line break in a value never breaks the line. NaN and the infinities are written
   * as strings. A class that is none of these fails at its first record, naming it. See {@code
   * docs/connectors-file.md} for every rule.
   */
  static <T> LineEncoder<T> json() {
    return BuiltInLineEncoder.JSON.cast();
  }
}
