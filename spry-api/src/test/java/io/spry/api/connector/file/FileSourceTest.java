package io.spry.api.connector.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.testing.CollectingOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestEnumeratorContext;
import io.spry.api.connector.testing.TestReaderContext;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSourceTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  /** The lines of a text as BufferedReader would see them, computed without the reader. */
  static List<String> linesOf(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n|\r|\n", -1)));
    if (text.endsWith("\n") || text.endsWith("\r")) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, UTF_8);
    return file;
  }

  private List<String> readAll(Path path, int parallelism) throws Exception {
    try (var h = new SourceHarness<>(FileSource.forLines(path).build(), parallelism, clock)) {
      return h.runToEnd(100_000);
    }
  }

  private static List<String> numbered(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void readsSubdirectoriesWhenAskedSkippingHiddenOnes() throws Exception {
    write("top.txt", "top\n");
    write("a/b/deep.txt", "deep\n");
    write("a/x.txt", "x\n");
    write("a/.hidden.txt", "no\n");
    write("_tmp/skipped.txt", "no\n");
    write(".dir/nested/skipped.txt", "no\n");
    assertThat(readAll(dir, 1)).containsExactly("top");
    try (var h =
        new SourceHarness<>(FileSource.forLines(dir).includeSubdirectories().build(), 1, clock)) {
      // sorted by relative path: a/b/deep.txt, a/x.txt, top.txt
      assertThat(h.runToEnd(1_000)).containsExactly("deep", "x", "top");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "one",
        "one\n",
        "one\ntwo",
        "one\n\ntwo\n\n",
        "a\r\nb\r\nc",
        "a\rb\rc\r",
        "mixed\r\n\n\r\rend",
        "\n",
        "h\u00e9llo w\u00f6rld\n\u65e5\u672c\u8a9e\n\uD83D\uDE00 emoji\n"
      })
  void readsTheLinesOfAFile(String text) throws Exception {
    Path file = write("in.txt", text);
    assertThat(readAll(file, 1)).containsExactlyElementsOf(linesOf(text));
  }

  @Test
  void readsLongLinesAndTerminatorsAcrossBufferBoundaries() throws Exception {
    StringBuilder text = new StringBuilder();
    text.append("x".repeat(65_535)).append("\r\n"); // \r is the buffer's last byte
    text.append("y".repeat(200_000)).append('\n'); // longer than the buffer
    text.append("\u00e9".repeat(40_000)).append("\r"); // two-byte chars, lone \r
    for (int i = 0; i < 5000; i++) {
      text.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    text.append("last");
    Path file = write("big.txt", text.toString());
    assertThat(readAll(file, 1)).containsExactlyElementsOf(linesOf(text.toString()));
  }

  @Test
  void readsRandomTextAndResumesAtEverySnapshot() throws Exception {
    java.util.Random random = new java.util.Random(42);
    String[] terminators = {"\n", "\r\n", "\r"};
    String alphabet = "abc xyz,\u00e9\u00df\u65e5\uD83D\uDE00";
    StringBuilder text = new StringBuilder();
    while (text.length() < 600_000) {
      int length = random.nextInt(50) == 0 ? 70_000 + random.nextInt(10) : random.nextInt(120);
      for (int i = 0; i < length; i++) {
        int at = random.nextInt(alphabet.length());
        char c = alphabet.charAt(at);
        if (Character.isHighSurrogate(c)) {
          text.append(c).append(alphabet.charAt(at + 1));
        } else if (!Character.isLowSurrogate(c)) {
          text.append(c);
        }
      }
      text.append(terminators[random.nextInt(terminators.length)]);
    }
    Path file = write("random.txt", text.toString());
    FileSource source = FileSource.forLines(file).build();
    List<String> all = new ArrayList<>();
    List<FileSplit> state = List.of(FileSplit.of(file));
    // A new reader after every poll, restored from the previous one's snapshot.
    while (!state.isEmpty()) {
      SourceReader<String, FileSplit> reader =
          source.createReader(new TestReaderContext(0, 1, clock));
      reader.start();
      reader.addSplits(state);
      reader.notifyNoMoreSplits();
      CollectingOutput<String> out = new CollectingOutput<>();
      reader.pollNext(out);
      all.addAll(out.records);
      state = reader.snapshotState(1);
      reader.close();
    }
    assertThat(all).containsExactlyElementsOf(linesOf(text.toString()));
  }

  @Test
  void readsTheVisibleFilesOfADirectoryInNameOrder() throws Exception {
    write("b.txt", String.join("\n", numbered("b", 1500)));
    write("a.txt", String.join("\n", numbered("a", 10)) + "\n");
    write("c.log", "c0\n");
    write(".hidden", "hidden\n");
    write("_SUCCESS", "marker\n");
    write("sub/nested.txt", "nested\n");
    List<String> expected = new ArrayList<>(numbered("a", 10));
    expected.addAll(numbered("b", 1500));
    expected.add("c0");
    assertThat(readAll(dir, 1)).containsExactlyElementsOf(expected);
    assertThat(readAll(dir, 3)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void readsAHiddenFileNamedExplicitly() throws Exception {
    Path file = write(".dotfile", "x\n");
    assertThat(readAll(file, 1)).containsExactly("x");
  }

  @Test
  void anEmptyDirectoryEndsAtOnce() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThat(readAll(empty, 2)).isEmpty();
  }

  @Test
  void spreadsFilesOverReaders() throws Exception {
    for (int i = 0; i < 4; i++) {
      write("f" + i, "line" + i + "\n");
    }
    try (var h = new SourceHarness<>(FileSource.forLines(dir).build(), 4, clock)) {
      h.runToEnd(100);
      for (int i = 0; i < 4; i++) {
        assertThat(h.output(i)).hasSize(1);
      }
    }
  }

  @Test
  void isBoundedUnlessMonitoring() throws Exception {
    Path file = write("in.txt", "x");
    FileSource bounded = FileSource.forLines(file).build();
    assertThat(bounded.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(bounded.getMonitorInterval()).isEmpty();
    assertThat(bounded.isBlocking()).isFalse();
    FileSource monitoring =
        FileSource.forLines(dir).monitorContinuously(Duration.ofSeconds(3)).build();
    assertThat(monitoring.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(monitoring.getMonitorInterval()).contains(Duration.ofSeconds(3));
    assertThatThrownBy(() -> FileSource.forLines(dir).monitorContinuously(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void monitoringReadsNewFilesOnce() throws Exception {
    write("1.txt", "one\n");
    FileSource source =
        FileSource.forLines(dir).monitorContinuously(Duration.ofMillis(250)).build();
    try (var h = new SourceHarness<>(source, 2, clock)) {
      assertThat(h.enumeratorContext.periods).containsExactly(250L);
      for (int i = 0; i < 5; i++) {
        h.step();
      }
      assertThat(h.allOutput()).containsExactly("one");
      assertThat(h.status(0)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(h.status(1)).isEqualTo(InputStatus.NOTHING_AVAILABLE);

      write("2.txt", "two\n");
      write("3.txt", "three\n");
      write(".4.txt.tmp", "in progress\n");
      Files.writeString(dir.resolve("1.txt"), "one again\n"); // already seen: not read again
      h.enumeratorContext.runPeriodicActions();
      for (int i = 0; i < 5; i++) {
        h.step();
      }
      assertThat(h.allOutput()).containsExactlyInAnyOrder("one", "two", "three");

      h.enumeratorContext.runPeriodicActions();
      write("5.txt", "five\n");
      h.enumeratorContext.runPeriodicActions();
      for (int i = 0; i < 5; i++) {
        h.step();
      }
      assertThat(h.allOutput()).containsExactlyInAnyOrder("one", "two", "three", "five");
      assertThat(h.allEnded()).isFalse();
    }
  }

  @Test
  void aMissingPathFailsTheBuildNamingThePath() {
    Path missing = dir.resolve("x/y");
    assertThatThrownBy(() -> FileSource.forLines(missing).build())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("No such file or directory: " + missing);
  }

  @Test
  void aPathGoneBeforeTheJobStartsFailsTheEnumeratorNamingThePath() throws Exception {
    Path file = write("soon-gone.txt", "x");
    FileSource source = FileSource.forLines(file).build();
    Files.delete(file);
    assertThatThrownBy(() -> source.createEnumerator(new TestEnumeratorContext<>(1, clock)))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("No such file or directory: " + file);
  }

  @Test
  void aFileGoneBeforeItIsReadFailsNamingTheFile() throws Exception {
    Path file = write("gone.txt", "x");
    SourceReader<String, FileSplit> reader =
        FileSource.forLines(file).build().createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(FileSplit.of(file)));
    Files.delete(file);
    assertThatThrownBy(() -> reader.pollNext(new CollectingOutput<>()))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read file " + file + ": no such file");
  }

  @Test
  void anUnreadableFileFailsNamingTheFile() throws Exception {
    Path file = write("secret.txt", "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "root reads every file");
    try (var h = new SourceHarness<>(FileSource.forLines(file).build(), 1, clock)) {
      assertThatThrownBy(() -> h.runToEnd(10))
          .isInstanceOf(IOException.class)
          .hasMessage("Cannot read file " + file + ": permission denied");
    }
  }

  @Test
  void aFileThatCannotBeReadFailsNamingIt() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("a-directory"));
    SourceReader<String, FileSplit> reader =
        FileSource.forLines(dir).build().createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(FileSplit.of(notAFile)));
    assertThatThrownBy(() -> reader.pollNext(new CollectingOutput<>()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read file " + notAFile);
    reader.close();
  }

  @Test
  void aMalformedLineFailsWithTheFileAndLineNumber() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 1; i <= 1500; i++) {
      bytes.write(("line " + i + " \u00e9\n").getBytes(UTF_8));
    }
    bytes.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'}); // line 1501
    bytes.write("after\n".getBytes(UTF_8));
    Path file = dir.resolve("bad.txt");
    Files.write(file, bytes.toByteArray());

    SourceReader<String, FileSplit> reader =
        FileSource.forLines(file).build().createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(FileSplit.of(file)));
    CollectingOutput<String> out = new CollectingOutput<>();
    reader.pollNext(out);
    assertThatThrownBy(() -> reader.pollNext(out))
        .isInstanceOf(IOException.class)
        .hasMessage("Malformed UTF-8 input in file " + file + " at line 1501");
    assertThat(out.records).hasSize(1500).endsWith("line 1500 \u00e9");
  }

  @Test
  void aMalformedFirstLineIsLineOne() throws Exception {
    Path file = dir.resolve("bad1.txt");
    Files.write(file, new byte[] {(byte) 0xFF, '\n'});
    assertThatThrownBy(() -> readAll(file, 1))
        .hasMessage("Malformed UTF-8 input in file " + file + " at line 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void resumesFromASnapshotWithoutLossOrDuplicates(String terminator) throws Exception {
    String text = String.join(terminator, numbered("r\u00e9cord ", 2500)) + terminator;
    Path file = write("in.txt", text);
    Path other = write("other.txt", "o1\no2\n");
    FileSource source = FileSource.forLines(dir).build();

    SourceReader<String, FileSplit> first = source.createReader(new TestReaderContext(0, 1, clock));
    first.start();
    first.addSplits(List.of(FileSplit.of(file), FileSplit.of(other)));
    CollectingOutput<String> out = new CollectingOutput<>();
    first.pollNext(out);
    List<FileSplit> snapshot = first.snapshotState(1);
    first.close();
    assertThat(snapshot).hasSize(2);
    assertThat(snapshot.get(0).line()).isEqualTo(1000);
    assertThat(snapshot.get(0).offset())
        .isEqualTo(
            (String.join(terminator, numbered("r\u00e9cord ", 1000)) + terminator)
                .getBytes(UTF_8)
                .length);
    assertThat(snapshot.get(1)).isEqualTo(FileSplit.of(other));

    SourceReader<String, FileSplit> second =
        source.createReader(new TestReaderContext(0, 1, clock));
    second.start();
    second.addSplits(snapshot);
    second.notifyNoMoreSplits();
    while (second.pollNext(out) != InputStatus.END_OF_INPUT) {}

    List<String> expected = new ArrayList<>(linesOf(text));
    expected.addAll(List.of("o1", "o2"));
    assertThat(out.records).containsExactlyElementsOf(expected);
  }

  @Test
  void numbersLinesFromTheRestoredPosition() throws Exception {
    Path file = dir.resolve("bad.txt");
    Files.write(file, new byte[] {'a', '\n', 'b', '\n', (byte) 0xFF, '\n'});
    SourceReader<String, FileSplit> reader =
        FileSource.forLines(file).build().createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new FileSplit(file.toString(), 2, 1)));
    CollectingOutput<String> out = new CollectingOutput<>();
    assertThatThrownBy(() -> reader.pollNext(out)).hasMessageEndingWith("at line 3");
    assertThat(out.records).containsExactly("b");
  }
}
