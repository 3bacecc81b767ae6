package io.spry.api.connector.file;

import io.spry.api.tuple.Tuple;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;

/**
 * Writes tuples and Java records as CSV lines: fields separated by commas, quoted as RFC 4180 says
 * (a field holding a comma, a double quote, CR or LF is enclosed in double quotes, and its quotes
 * are doubled), a null field empty. A record's accessors are looked up once per class and shared by
 * all threads.
 */
final class CsvFormat {
  private CsvFormat() {}

  /** Writes {@code value}'s fields as a line, without the terminator. */
  static void writeLine(Object value, Writer out) throws IOException {
    if (value instanceof Tuple tuple) {
      int arity = tuple.getArity();
      for (int i = 0; i < arity; i++) {
        if (i > 0) {
          out.write(',');
        }
        writeField(tuple.getField(i), out);
      }
    } else if (value instanceof Record) {
      Method[] fields = RecordFields.accessors(value.getClass());
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        writeField(RecordFields.get(fields[i], value), out);
      }
    } else {
      throw new IllegalArgumentException(
          "CSV output cannot write a "
              + (value == null ? "null" : value.getClass().getName())
              + ": CSV needs tuples (io.spry.api.tuple.Tuple) or Java records, whose fields"
              + " become the columns; map the records to one of them first");
    }
  }

  /** Writes one field, quoted if it needs to be; null as an empty field. */
  static void writeField(Object field, Writer out) throws IOException {
    if (field == null) {
      return;
    }
    String s = field.toString();
    if (!needsQuotes(s)) {
      out.write(s);
      return;
    }
    out.write('"');
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        out.write(s, from, i + 1 - from);
        out.write('"');
        from = i + 1;
      }
    }
    out.write(s, from, s.length() - from);
    out.write('"');
  }

  private static boolean needsQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
