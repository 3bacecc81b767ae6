package io.spry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.tuple.Tuple2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordCountTest {

  /** Word frequencies computed directly, scanning code points, without the job's regex. */
  static Map<String, Integer> frequencies(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : lines) {
      StringBuilder word = new StringBuilder();
      line.codePoints()
          .forEach(
              cp -> {
                if (Character.isLetterOrDigit(cp)) {
                  word.append(Character.toChars(Character.toLowerCase(cp)));
                } else if (word.length() > 0) {
                  counts.merge(word.toString(), 1, Integer::sum);
                  word.setLength(0);
                }
              });
      if (word.length() > 0) {
        counts.merge(word.toString(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The last count seen per word, checking that each word's counts go up by one. */
  static Map<String, Integer> lastCounts(List<Tuple2<String, Integer>> updates) {
    Map<String, Integer> last = new HashMap<>();
    for (Tuple2<String, Integer> t : updates) {
      int previous = last.getOrDefault(t.f0, 0);
      assertThat(t.f1).as("update of %s", t.f0).isEqualTo(previous + 1);
      last.put(t.f0, t.f1);
    }
    return last;
  }

  @SuppressWarnings("unchecked")
  static List<Tuple2<String, Integer>> run(ExampleArgs args) {
    StreamEnvironment env = Examples.environment(args);
    return new ArrayList<>(
        ((DataStream<Tuple2<String, Integer>>) new WordCount().build(env, args))
            .executeAndCollect(Integer.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void countsTheWordsOfAFile(int parallelism, @TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add("Line " + (i % 7) + ": the quick brown fox, the lazy dog; Über straße " + i % 3);
    }
    lines.add("");
    lines.add("   ---   ");
    lines.add("ÉCOLE école Ecole 42 4-2 x1y2");
    Path file = dir.resolve("text.txt");
    Files.write(file, lines);

    List<Tuple2<String, Integer>> updates =
        run(
            ExampleArgs.empty()
                .with(WordCount.INPUT, file.toString())
                .with(ExampleArgs.PARALLELISM, Integer.toString(parallelism)));

    Map<String, Integer> expected = frequencies(lines);
    assertThat(lastCounts(updates)).isEqualTo(expected);
    assertThat(updates).hasSize(expected.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void countsTheBuiltInTextWithoutInput() {
    List<Tuple2<String, Integer>> updates =
        run(ExampleArgs.empty().with(ExampleArgs.PARALLELISM, "2"));
    assertThat(lastCounts(updates)).isEqualTo(frequencies(WordCount.DEFAULT_TEXT));
  }

  @Test
  void aMissingInputIsAUsageError(@TempDir Path dir) {
    ExampleArgs args =
        ExampleArgs.empty().with(WordCount.INPUT, dir.resolve("nope.txt").toString());
    assertThatThrownBy(() -> new WordCount().build(StreamEnvironment.create(), args))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("no such file")
        .hasMessageContaining("nope.txt");
  }

  @Test
  void tokenizerLowerCasesAndSplitsOnNonWordCharacters() {
    List<Tuple2<String, Integer>> out = new ArrayList<>();
    new WordCount.Tokenizer().flatMap("Hello, WORLD!  hello_again 3.14", out::add);
    assertThat(out)
        .extracting(t -> t.f0)
        .containsExactly("hello", "world", "hello", "again", "3", "14");
  }
}
