package io.spry.api.connector.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What a file sink left in a directory tree, seen the way a reader sees it, or all of it. */
final class SinkFiles {
  private SinkFiles() {}

  private static boolean hidden(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }

  /** Regular files not hidden and not in hidden directories, by path relative to {@code dir}. */
  static List<Path> finished(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(
              p -> {
                for (Path part : dir.relativize(p)) {
                  if (hidden(part)) {
                    return false;
                  }
                }
                return true;
              })
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  /** Names of the hidden regular files anywhere under {@code dir}. */
  static List<String> hiddenFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(SinkFiles::hidden)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  /** The lines of every finished file, file by file in path order. */
  static List<String> finishedLines(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : finished(dir)) {
      lines.addAll(linesOf(file));
    }
    return lines;
  }

  /** A file's lines, each of which must end with '\n'. */
  static List<String> linesOf(Path file) throws IOException {
    String text = Files.readString(file, UTF_8);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError(file + " does not end with a line terminator: a partial line");
    }
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', from)) {
      lines.add(text.substring(from, i));
      from = i + 1;
    }
    return lines;
  }

  /** The finished files' names relative to {@code dir}. */
  static List<String> finishedNames(Path dir) throws IOException {
    return finished(dir).stream().map(p -> dir.relativize(p).toString()).toList();
  }
}
