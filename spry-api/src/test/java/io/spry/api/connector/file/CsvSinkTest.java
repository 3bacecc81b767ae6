package io.spry.api.connector.file;

import static io.spry.api.connector.file.TextFileSinkTest.writeAll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.testing.TestSinkContext;
import io.spry.api.tuple.Tuple1;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvSinkTest {
  @TempDir Path dir;

  record Trade(String symbol, double price, Integer quantity) {}

  private record Empty() {}

  public record Nested(Tuple2<String, Integer> pair, List<String> list) {}

  @Test
  void writesTuplesAsCsvLines() throws Exception {
    Path out = dir.resolve("out.csv");
    writeAll(
        new CsvSink<>(out),
        0,
        1,
        List.of(
            Tuple3.of("a", 1, 2.5),
            Tuple3.of("with,comma", null, "say \"hi\""),
            Tuple3.of("line\nbreak", -7, "cr\rlf\r\n")));
    assertThat(Files.readString(out, UTF_8))
        .isEqualTo(
            "a,1,2.5\n"
                + "\"with,comma\",,\"say \"\"hi\"\"\"\n"
                + "\"line\nbreak\",-7,\"cr\rlf\r\n\"\n");
  }

  @Test
  void writesRecordsInComponentOrder() throws Exception {
    Path out = dir.resolve("out.csv");
    writeAll(
        new CsvSink<>(out),
        0,
        1,
        List.of(new Trade("ACME", 12.5, 100), new Trade("a\"b", 0.0, null)));
    assertThat(Files.readAllLines(out)).containsExactly("ACME,12.5,100", "\"a\"\"b\",0.0,");
  }

  @Test
  void writesNestedValuesByTheirToStringQuotedWhereNeeded() throws Exception {
    Path out = dir.resolve("out.csv");
    writeAll(
        new CsvSink<>(out),
        0,
        1,
        List.of(new Nested(Tuple2.of("x", 1), List.of("p", "q")), new Empty()));
    assertThat(Files.readString(out)).isEqualTo("\"(x,1)\",\"[p, q]\"\n\n");
  }

  @Test
  void mixesRecordClassesAndTuples() throws Exception {
    Path out = dir.resolve("out.csv");
    writeAll(
        new CsvSink<Object>(out),
        0,
        1,
        List.of(new Trade("A", 1, 1), Tuple1.of("t"), new Trade("B", 2, 2), Tuple2.of(1, 2)));
    assertThat(Files.readAllLines(out)).containsExactly("A,1.0,1", "t", "B,2.0,2", "1,2");
  }

  @Test
  void writesPartFilesAtHigherParallelism() throws Exception {
    Path out = dir.resolve("csv");
    CsvSink<Tuple2<String, Integer>> sink = new CsvSink<>(out);
    writeAll(sink, 0, 2, List.of(Tuple2.of("a", 1)));
    writeAll(sink, 1, 2, List.of(Tuple2.of("b", 2)));
    assertThat(Files.readString(out.resolve("part-0"))).isEqualTo("a,1\n");
    assertThat(Files.readString(out.resolve("part-1"))).isEqualTo("b,2\n");
  }

  @Test
  void otherTypesFailAtTheFirstRecordNamingTheClass() throws Exception {
    Path out = dir.resolve("out.csv");
    try (SinkWriter<Object> w = new CsvSink<>(out).createWriter(new TestSinkContext(0, 1))) {
      assertThatThrownBy(() -> w.write("plain string", TestSinkContext.NO_TIMESTAMP))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("java.lang.String")
          .hasMessageContaining("CSV needs tuples")
          .hasMessageContaining("records");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "plain|plain",
        "''|''",
        "a,b|'\"a,b\"'",
        "\"|'\"\"\"\"'",
        "say \"x\"|'\"say \"\"x\"\"\"'",
        "' spaces '|' spaces '"
      })
  void quotesFieldsAsRfc4180Says(String field, String expected) throws Exception {
    StringWriter out = new StringWriter();
    CsvFormat.writeField(field == null ? "" : field, out);
    assertThat(out.toString()).isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void quotedFieldsRoundTripThroughAnIndependentParser() throws Exception {
    List<String> fields = Arrays.asList("a", "b,c", "\"q\"", "x\ny", null, "", "tail\"");
    StringWriter out = new StringWriter();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      CsvFormat.writeField(fields.get(i), out);
    }
    List<String> parsed = parseRfc4180Line(out.toString());
    assertThat(parsed).containsExactly("a", "b,c", "\"q\"", "x\ny", "", "", "tail\"");
  }

  /** A minimal RFC 4180 parser for one record, written for this test. */
  private static List<String> parseRfc4180Line(String line) {
    List<String> fields = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
