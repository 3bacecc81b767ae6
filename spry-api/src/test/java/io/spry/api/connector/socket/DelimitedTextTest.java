package io.spry.api.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.connector.testing.CollectingOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelimitedTextTest {

  /** Feeds {@code text} in chunks of {@code chunkSize} chars. */
  private static List<String> cut(String text, String delimiter, int chunkSize) {
    DelimitedText records = new DelimitedText(delimiter);
    CollectingOutput<String> out = new CollectingOutput<>();
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i += chunkSize) {
      char[] chunk = Arrays.copyOfRange(chars, i, Math.min(chars.length, i + chunkSize));
      records.feed(chunk, chunk.length, out);
    }
    records.finish(out);
    return out.records;
  }

  /** The expected records, computed with String.split. */
  private static List<String> expected(String text, String delimiter) {
    List<String> parts =
        new ArrayList<>(Arrays.asList(text.split(java.util.regex.Pattern.quote(delimiter), -1)));
    if (parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    if (delimiter.equals("\n")) {
      parts.replaceAll(s -> s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
    }
    return parts;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "'a\nb\nc'|'\n'",
        "'a\r\nb\r\n\r\nc\r'|'\n'",
        "'one::two::::three::'|'::'",
        "'x;y;z;'|';'",
        "'abcabcab'|'abc'",
        "'no delimiter at all'|'\n'",
        "'::'|'::'"
      })
  void cutsAtTheDelimiterWhateverTheChunking(String text, String delimiter) {
    for (int chunk = 1; chunk <= text.length() + 1; chunk++) {
      assertThat(cut(text, delimiter, chunk))
          .as("chunks of %d", chunk)
          .containsExactlyElementsOf(expected(text, delimiter));
    }
  }
}
