package io.spry.examples;

import io.spry.api.DataStream;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.functions.Collector;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.tuple.Tuple2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Counts words in a text file: lines are split into lower-case words of letters and digits, keyed
 * by word and summed. Each record printed is a rolling update {@code (word,count)}, so the last one
 * printed for a word is the number of times it occurs.
 *
 * <pre>
 * spry run wordcount --input README.md --parallelism 2
 * </pre>
 */
public final class WordCount implements Example {
  /** The option naming the text file or directory to read. */
  public static final String INPUT = "input";

  /** The text counted when no {@code --input} is given. */
  public static final List<String> DEFAULT_TEXT =
      List.of(
          "A stream is a river of records that never has to end.",
          "Records flow from sources through operators to sinks,",
          "and every operator sees the records of its keys in order.",
          "A keyed stream keeps state per key: a count, a sum, a window of records.",
          "When the river ends, the last count of every word is its final count.");

  @Override
  public String name() {
    return "wordcount";
  }

  @Override
  public String description() {
    return "Counts the words of a text file (or a built-in text) and prints rolling (word,count)"
        + " updates";
  }

  @Override
  public List<ExampleOption> options() {
    return List.of(
        new ExampleOption(
            INPUT, "<path>", "text file or directory of files to read", "a built-in text"));
  }

  @Override
  public DataStream<Tuple2<String, Integer>> build(StreamEnvironment env, ExampleArgs args) {
    DataStream<String> lines;
    String input = args.get(INPUT);
    if (input == null) {
      lines = env.fromCollection(DEFAULT_TEXT).name("built-in text");
    } else {
      Path path = Path.of(input);
      if (!Files.exists(path)) {
        throw new ExampleUsageException("--input: no such file or directory: " + path);
      }
      if (!Files.isReadable(path)) {
        throw new ExampleUsageException("--input: cannot read " + path);
      }
      lines = env.readTextFile(path.toString());
    }
    return counts(lines);
  }

  /** The rolling word counts of some lines. */
  public static SingleOutputStream<Tuple2<String, Integer>> counts(DataStream<String> lines) {
    return lines.flatMap(new Tokenizer()).name("tokenize").keyBy(t -> t.f0).sum(1).name("count");
  }

  /** Splits a line into {@code (word,1)} pairs of lower-case words of letters and digits. */
  public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
    private static final long serialVersionUID = 1L;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    @Override
    public void flatMap(String line, Collector<Tuple2<String, Integer>> out) {
      for (String word : NON_WORD.split(line.toLowerCase(Locale.ROOT))) {
        if (!word.isEmpty()) {
          out.collect(Tuple2.of(word, 1));
        }
      }
    }
  }

  public static void main(String[] args) {
    Examples.main(new WordCount(), args);
  }
}
