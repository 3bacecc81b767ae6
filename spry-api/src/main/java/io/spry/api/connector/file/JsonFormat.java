package io.spry.api.connector.file;

import io.spry.api.tuple.Tuple;
import io.spry.api.types.GenericTypeInfo;
import io.spry.api.types.PojoTypeInfo;
import io.spry.api.types.TypeInfo;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a value as one JSON text (RFC 8259) on one line: no line break is ever written, since
 * strings escape theirs.
 *
 * <ul>
 *   <li>{@code null} as {@code null}; booleans as {@code true}/{@code false}.
 *   <li>Integral numbers, {@code BigInteger} and {@code BigDecimal} as numbers; finite doubles and
 *       floats as numbers ({@code 1.0E10}); NaN and the infinities, which JSON cannot express as
 *       numbers, as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *   <li>Strings, characters, enums (by name), UUIDs, URIs, paths and {@code java.time} values (by
 *       {@code toString()}), and {@code java.util.Date} (as its ISO-8601 instant) as strings.
 *   <li>Java records as objects of their components in declaration order; POJOs (as Spry's type
 *       system defines them) as objects of their fields in name order; maps as objects (keys by
 *       {@code String.valueOf}); Spry tuples, collections and arrays as arrays, except {@code
 *       byte[]} (a Base64 string) and {@code char[]} (a string); {@code Optional} as its value or
 *       {@code null}.
 *   <li>Any other class fails, naming the class and why it is not a POJO.
 * </ul>
 *
 * <p>Strings escape {@code "} and {@code \}, control characters (as {@code \n}, {@code \t}, ... or
 * {@code \}{@code u00XX}), the separators U+2028 and U+2029, and lone surrogates (as {@code
 * \}{@code uXXXX}, so no character is lost); every other character is written as itself. Holds no
 * state: one instance serves all threads.
 */
final class JsonFormat {
  private JsonFormat() {}

  /** How deeply values may nest: deeper is taken for a cycle. */
  static final int MAX_DEPTH = 200;

  /** Per class: its POJO type information, or why it is not one (a String). */
  private static final ClassValue<Object> POJOS =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
          TypeInfo<?> info;
          try {
            info = TypeInfo.of(type);
          } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
          }
          if (info instanceof PojoTypeInfo<?> pojo) {
            return pojo;
          }
          if (info instanceof GenericTypeInfo<?> generic) {
            return generic.getReason();
          }
          return "it is not a POJO (" + info + ")";
        }
      };

  static void write(Object value, Writer out) throws IOException {
    write(value, out, 0);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void write(Object value, Writer out, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "JSON output cannot write a value nested more than "
              + MAX_DEPTH
              + " levels deep (does it refer to itself?): at a "
              + value.getClass().getName());
    }
    if (value == null) {
      out.write("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal
        || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      out.write(value.toString());
    } else if (value instanceof Double d) {
      writeFloating(d, d.isNaN() || d.isInfinite(), out);
    } else if (value instanceof Float f) {
      writeFloating(f, f.isNaN() || f.isInfinite(), out);
    } else if (value instanceof Boolean b) {
      out.write(b ? "true" : "false");
    } else if (value instanceof Record) {
      Class<?> type = value.getClass();
      Method[] accessors = RecordFields.accessors(type);
      String[] names = RecordFields.names(type);
      out.write('{');
      for (int i = 0; i < accessors.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        writeString(names[i], out);
        out.write(':');
        write(RecordFields.get(accessors[i], value), out, depth + 1);
      }
      out.write('}');
    } else if (value instanceof Tuple tuple) {
      out.write('[');
      for (int i = 0; i < tuple.getArity(); i++) {
        if (i > 0) {
          out.write(',');
        }
        write(tuple.getField(i), out, depth + 1);
      }
      out.write(']');
    } else if (value instanceof Map<?, ?> map) {
      out.write('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        writeString(String.valueOf(e.getKey()), out);
        out.write(':');
        write(e.getValue(), out, depth + 1);
      }
      out.write('}');
    } else if (value instanceof CharSequence
        || value instanceof Character
        || value instanceof UUID
        || value instanceof URI
        || value instanceof Path // before Iterable: a path iterates over paths
        || value instanceof TemporalAccessor
        || value instanceof TemporalAmount
        || value instanceof Number) {
      writeString(value.toString(), out);
    } else if (value instanceof java.util.Date date) {
      writeString(date.toInstant().toString(), out);
    } else if (value instanceof Enum<?> e) {
      writeString(e.name(), out);
    } else if (value instanceof Iterable<?> iterable) {
      out.write('[');
      boolean first = true;
      for (Object element : iterable) {
        if (!first) {
          out.write(',');
        }
        first = false;
        write(element, out, depth + 1);
      }
      out.write(']');
    } else if (value instanceof byte[] bytes) {
      out.write('"');
      out.write(Base64.getEncoder().encodeToString(bytes));
      out.write('"');
    } else if (value instanceof char[] chars) {
      writeString(new String(chars), out);
    } else if (value.getClass().isArray()) {
      out.write('[');
      int length = Array.getLength(value);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          out.write(',');
        }
        write(Array.get(value, i), out, depth + 1);
      }
      out.write(']');
    } else if (value instanceof Optional<?> optional) {
      write(optional.orElse(null), out, depth + 1);
    } else if (value instanceof OptionalInt o) {
      out.write(o.isPresent() ? Integer.toString(o.getAsInt()) : "null");
    } else if (value instanceof OptionalLong o) {
      out.write(o.isPresent() ? Long.toString(o.getAsLong()) : "null");
    } else if (value instanceof OptionalDouble o) {
      if (o.isPresent()) {
        double d = o.getAsDouble();
        writeFloating(d, Double.isNaN(d) || Double.isInfinite(d), out);
      } else {
        out.write("null");
      }
    } else {
      Object pojo = POJOS.get(value.getClass());
      if (!(pojo instanceof PojoTypeInfo<?> info)) {
        throw new IllegalArgumentException(
            "JSON output cannot write a "
                + value.getClass().getName()
                + ": it is not a record, tuple, map, collection, array or basic value, nor a"
                + " POJO ("
                + pojo
                + "); map it to one of those first");
      }
      PojoTypeInfo<Object> fields = (PojoTypeInfo<Object>) info;
      out.write('{');
      for (int i = 0; i < fields.getArity(); i++) {
        if (i > 0) {
          out.write(',');
        }
        writeString(fields.getFieldName(i), out);
        out.write(':');
        write(fields.getFieldValue(value, i), out, depth + 1);
      }
      out.write('}');
    }
  }

  private static void writeFloating(Number n, boolean special, Writer out) throws IOException {
    if (special) {
      writeString(n.toString(), out);
    } else {
      out.write(n.toString());
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Writes {@code s} as a JSON string, quoted and escaped. */
  static void writeString(String s, Writer out) throws IOException {
    out.write('"');
    int from = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x20
          && c != '"'
          && c != '\\'
          && c != 0x2028
          && c != 0x2029
          && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a valid pair: written as itself
        continue;
      }
      out.write(s, from, i - from);
      switch (c) {
        case '"' -> out.write("\\\"");
        case '\\' -> out.write("\\\\");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        case '\t' -> out.write("\\t");
        case '\b' -> out.write("\\b");
        case '\f' -> out.write("\\f");
        default -> { // other controls, U+2028, U+2029, lone surrogates
          out.write('\\');
          out.write('u');
          out.write(HEX[(c >> 12) & 0xF]);
          out.write(HEX[(c >> 8) & 0xF]);
          out.write(HEX[(c >> 4) & 0xF]);
          out.write(HEX[c & 0xF]);
        }
      }
      from = i + 1;
    }
    out.write(s, from, length - from);
    out.write('"');
  }
}
