package io.spry.api.connector.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.testing.TestSinkContext;
import io.spry.api.tuple.Tuple2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileSinkTest {
  @TempDir Path dir;

  static <T> void writeAll(Sink<T> sink, int subtask, int parallelism, List<T> records)
      throws Exception {
    try (SinkWriter<T> writer = sink.createWriter(new TestSinkContext(subtask, parallelism))) {
      for (T r : records) {
        writer.write(r, TestSinkContext.NO_TIMESTAMP);
      }
      writer.flush(true);
    }
  }

  @Test
  void writesOneLinePerRecordToThePathAtParallelismOne() throws Exception {
    Path out = dir.resolve("a/b/out.txt");
    writeAll(
        new TextFileSink<>(out), 0, 1, List.of("x", 42, Tuple2.of("hello", 3), "\u00e9t\u00e9"));
    assertThat(Files.readString(out, UTF_8)).isEqualTo("x\n42\n(hello,3)\n\u00e9t\u00e9\n");
  }

  @Test
  void writesPartFilesIntoADirectoryAtHigherParallelism() throws Exception {
    Path out = dir.resolve("out");
    TextFileSink<String> sink = new TextFileSink<>(out);
    writeAll(sink, 0, 3, List.of("a", "b"));
    writeAll(sink, 1, 3, List.of());
    writeAll(sink, 2, 3, List.of("c"));
    assertThat(Files.readString(out.resolve("part-0"))).isEqualTo("a\nb\n");
    assertThat(Files.readString(out.resolve("part-1"))).isEmpty();
    assertThat(Files.readString(out.resolve("part-2"))).isEqualTo("c\n");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("part-0", "part-1", "part-2");
    }
  }

  @Test
  void overwritesAnExistingFileOnlyWhenAskedTo() throws Exception {
    Path out = dir.resolve("out.txt");
    Files.writeString(out, "old content that is longer\n");
    assertThatThrownBy(() -> writeAll(new TextFileSink<>(out), 0, 1, List.of("new")))
        .hasMessageContaining(out.toString())
        .hasMessageContaining("already exists")
        .hasMessageContaining("WriteMode.OVERWRITE");
    assertThat(Files.readString(out)).isEqualTo("old content that is longer\n");
    writeAll(new TextFileSink<>(out, WriteMode.OVERWRITE), 0, 1, List.of("new"));
    assertThat(Files.readString(out)).isEqualTo("new\n");
  }

  @Test
  void buffersUntilFlush() throws Exception {
    Path out = dir.resolve("out.txt");
    try (SinkWriter<String> w =
        new TextFileSink<String>(out).createWriter(new TestSinkContext(0, 1))) {
      w.write("a", TestSinkContext.NO_TIMESTAMP);
      assertThat(Files.readString(out)).isEmpty();
      w.flush(false);
      assertThat(Files.readString(out)).isEqualTo("a\n");
    }
  }

  @Test
  void writesManyRecords() throws Exception {
    Path out = dir.resolve("many.txt");
    List<Integer> records = java.util.stream.IntStream.range(0, 100_000).boxed().toList();
    writeAll(new TextFileSink<>(out), 0, 1, records);
    assertThat(Files.readAllLines(out))
        .containsExactlyElementsOf(records.stream().map(String::valueOf).toList());
  }

  @Test
  void aDirectoryAtParallelismOneFailsNamingIt() {
    assertThatThrownBy(() -> writeAll(new TextFileSink<>(dir), 0, 1, List.of("x")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot write file " + dir + ": it is a directory");
  }

  @Test
  void aFileAtHigherParallelismFailsNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> writeAll(new TextFileSink<>(file), 1, 2, List.of("x")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("with parallelism 2");
  }

  @Test
  void aFileInTheWayOfTheParentFailsNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> writeAll(new TextFileSink<>(file.resolve("out.txt")), 0, 1, List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void resolvesRelativePathsWhenBuilt() {
    assertThat(new TextFileSink<>(Path.of("rel/out.txt")).getPath())
        .isEqualTo(Path.of("rel/out.txt").toAbsolutePath());
  }
}
