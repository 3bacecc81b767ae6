package io.spry.api.connector.file;

import static io.spry.api.connector.file.SinkFiles.finishedLines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.TwoPhaseCommitDriver;
import io.spry.api.tuple.Tuple2;
import io.spry.api.tuple.Tuple3;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in line encoders, through the file sink and checked by independent parsers. */
class LineEncoderTest {
  @TempDir Path dir;

  public enum Side {
    BUY,
    SELL
  }

  record Trade(String symbol, double price, Integer quantity, Side side) {}

  record Nested(Tuple2<String, Integer> pair, List<String> tags, Map<String, Object> extra) {}

  /** A POJO as Spry's type system defines one: fields in name order. */
  public static class Account {
    public String owner;
    private long balance;
    public boolean active;

    public Account() {}

    Account(String owner, long balance, boolean active) {
      this.owner = owner;
      this.balance = balance;
      this.active = active;
    }

    public long getBalance() {
      return balance;
    }

    public void setBalance(long balance) {
      this.balance = balance;
    }
  }

  /** Not a POJO: no public no-argument constructor. */
  public static class Opaque {
    public Opaque(int x) {}
  }

  private static String json(Object value) throws Exception {
    StringWriter out = new StringWriter();
    LineEncoder.json().encode(value, out);
    return out.toString();
  }

  private <T> List<String> throughSink(LineEncoder<T> encoder, List<T> records) throws Exception {
    var sink = FileSink.forRowFormat(dir, encoder).build();
    var d = new TwoPhaseCommitDriver<>(sink, new ManualClock()).start(1);
    for (T r : records) {
      d.write(0, r);
    }
    d.endOfInput();
    d.close();
    return finishedLines(dir);
  }

  // ---- JSON ----

  @Test
  void jsonWritesRecordsPojosTuplesMapsAndBasicValues() throws Exception {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("n", 1);
    extra.put("none", null);
    extra.put("list", List.of(true, false));
    assertThat(json(new Trade("ACME", 12.5, 100, Side.BUY)))
        .isEqualTo("{\"symbol\":\"ACME\",\"price\":12.5,\"quantity\":100,\"side\":\"BUY\"}");
    assertThat(json(new Trade("X", -0.0, null, null)))
        .isEqualTo("{\"symbol\":\"X\",\"price\":-0.0,\"quantity\":null,\"side\":null}");
    assertThat(json(new Account("ann", 42L, true)))
        .isEqualTo("{\"active\":true,\"balance\":42,\"owner\":\"ann\"}");
    assertThat(json(Tuple3.of("a", 1, 2.5))).isEqualTo("[\"a\",1,2.5]");
    assertThat(json(new Nested(Tuple2.of("k", 7), List.of("x", "y"), extra)))
        .isEqualTo(
            "{\"pair\":[\"k\",7],\"tags\":[\"x\",\"y\"],"
                + "\"extra\":{\"n\":1,\"none\":null,\"list\":[true,false]}}");
    assertThat(json(null)).isEqualTo("null");
    assertThat(json(42L)).isEqualTo("42");
    assertThat(json(new BigDecimal("1E+400"))).isEqualTo("1E+400");
    assertThat(json(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(json(1e300)).isEqualTo("1.0E300");
    assertThat(json(new int[] {1, -2})).isEqualTo("[1,-2]");
    assertThat(json(new String[] {"a", null})).isEqualTo("[\"a\",null]");
    assertThat(json(new byte[] {1, 2, 3})).isEqualTo("\"AQID\"");
    assertThat(json(new char[] {'h', 'i'})).isEqualTo("\"hi\"");
    assertThat(json(Optional.of("v"))).isEqualTo("\"v\"");
    assertThat(json(Optional.empty())).isEqualTo("null");
    assertThat(json(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("\"2024-01-02T03:04:05Z\"");
    assertThat(json(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")))
        .isEqualTo("\"0f8fad5b-d9cb-469f-a165-70867728950e\"");
    assertThat(json(Path.of("/a/b"))).isEqualTo("\"/a/b\"");
    assertThat(json('c')).isEqualTo("\"c\"");
    assertThat(json(java.util.Date.from(Instant.parse("2024-01-02T03:04:05.006Z"))))
        .isEqualTo("\"2024-01-02T03:04:05.006Z\"");
  }

  @Test
  void jsonWritesNanAndInfinitiesAsStrings() throws Exception {
    assertThat(json(List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)))
        .isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
  }

  @Test
  void jsonOutputParsesBackToTheSameStructure() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("quote\"key", List.of(1, 2.5, "three"));
    map.put("nested", Map.of("deep", List.of(List.of())));
    Object parsed = MiniJson.parse(json(map));
    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "quote\"key",
                List.of(new BigDecimal("1"), new BigDecimal("2.5"), "three"),
                "nested",
                Map.of("deep", List.of(List.of()))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "line\nbreak\r\nand\ttab",
        "\u0000\u0001\u001f\u007f",
        "\b\f",
        "sep\u2028ar\u2029ators",
        "\u00e9\u65e5\u672c\uD83D\uDE00",
        "lone \uD83D high",
        "lone \uDE00 low",
        "high at end \uD83D"
      })
  void jsonStringsRoundTripThroughAnIndependentParser(String s) throws Exception {
    String encoded = json(s);
    assertThat(encoded).doesNotContain("\n", "\r", "\u2028", "\u2029");
    for (char c : encoded.toCharArray()) {
      assertThat(c).as("raw control character").isGreaterThanOrEqualTo(' ');
    }
    assertThat(MiniJson.parse(encoded)).isEqualTo(s);
  }

  @Test
  void randomStringsRoundTrip() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      char[] chars = new char[random.nextInt(20)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] =
            random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x80);
      }
      String s = new String(chars);
      assertThat(MiniJson.parse(json(s))).isEqualTo(s);
    }
  }

  @Test
  void jsonLinesThroughTheSinkAreOneValuePerLine() throws Exception {
    List<Trade> trades =
        List.of(
            new Trade("multi\nline", 1, 2, Side.SELL),
            new Trade("\u65e5\u672c", 3.25, null, Side.BUY));
    List<String> lines = throughSink(LineEncoder.json(), trades);
    assertThat(lines).hasSize(2);
    List<Object> parsed = new ArrayList<>();
    for (String line : lines) {
      parsed.add(MiniJson.parse(line));
    }
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("symbol", "multi\nline");
    first.put("price", new BigDecimal("1.0"));
    first.put("quantity", new BigDecimal("2"));
    first.put("side", "SELL");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("symbol", "\u65e5\u672c");
    second.put("price", new BigDecimal("3.25"));
    second.put("quantity", null);
    second.put("side", "BUY");
    assertThat(parsed).containsExactly(first, second);
  }

  @Test
  void jsonRejectsWhatItCannotWriteNamingTheClass() {
    assertThatThrownBy(() -> json(new Opaque(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Opaque.class.getName())
        .hasMessageContaining("no public no-argument constructor");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> json(cycle)).hasMessageContaining("refer to itself");
  }

  // ---- CSV and toString ----

  @Test
  void csvLinesThroughTheSinkParseBackWithAnIndependentParser() throws Exception {
    List<Tuple3<String, Integer, String>> rows =
        List.of(
            Tuple3.of("plain", 1, "x"),
            Tuple3.of("with,comma", null, "say \"hi\""),
            Tuple3.of("line\nbreak", -7, "cr\rlf\r\n"),
            Tuple3.of("", 0, "\u00e9"));
    var sink =
        FileSink.forRowFormat(dir, LineEncoder.<Tuple3<String, Integer, String>>csv()).build();
    var d = new TwoPhaseCommitDriver<>(sink, new ManualClock()).start(1);
    for (var r : rows) {
      d.write(0, r);
    }
    d.endOfInput();
    d.close();
    String text = Files.readString(SinkFiles.finished(dir).get(0), UTF_8);
    List<List<String>> parsed = parseCsv(text);
    List<List<String>> expected = new ArrayList<>();
    for (var r : rows) {
      expected.add(Arrays.asList(r.f0, r.f1 == null ? "" : r.f1.toString(), r.f2));
    }
    assertThat(parsed).isEqualTo(expected);
  }

  @Test
  void csvRejectsOtherTypesAndLeavesNoPartialLine() throws Exception {
    var sink = FileSink.forRowFormat(dir, LineEncoder.<Object>csv()).build();
    var d = new TwoPhaseCommitDriver<>(sink, new ManualClock()).start(1);
    d.write(0, Tuple2.of("ok", 1));
    assertThatThrownBy(() -> d.write(0, "a string"))
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("CSV needs tuples");
    d.write(0, Tuple2.of("still ok", 2));
    d.endOfInput();
    d.close();
    assertThat(finishedLines(dir)).containsExactly("ok,1", "still ok,2");
  }

  @Test
  void aFailingEncoderLeavesNoPartialLineEvenAcrossABufferDrain() throws Exception {
    LineEncoder<Integer> halfThenFail =
        (i, out) -> {
          out.write("start-" + i);
          if (i % 2 == 1) {
            out.write("y".repeat(i * 50_000)); // more than the buffer holds
            throw new IllegalStateException("record " + i + " is bad");
          }
        };
    List<String> written = new ArrayList<>();
    var sink = FileSink.forRowFormat(dir, halfThenFail).build();
    var d = new TwoPhaseCommitDriver<>(sink, new ManualClock()).start(1);
    for (int i = 0; i < 6; i++) {
      int record = i;
      if (i % 2 == 1) {
        assertThatThrownBy(() -> d.write(0, record)).hasMessageContaining("is bad");
      } else {
        d.write(0, record);
        written.add("start-" + i);
      }
    }
    d.endOfInput();
    d.close();
    assertThat(finishedLines(dir)).isEqualTo(written);
  }

  @Test
  void toStringLinesWritesEachRecordsString() throws Exception {
    assertThat(
            throughSink(
                LineEncoder.toStringLines(), Arrays.asList("a", 1, null, Tuple2.of("x", 2))))
        .containsExactly("a", "1", "null", "(x,2)");
  }

  /** An RFC 4180 parser for a whole file, written for this test. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
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
      } else if (c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (!fields.isEmpty() || field.length() > 0) {
      throw new AssertionError("the last record has no line terminator");
    }
    return records;
  }
}
