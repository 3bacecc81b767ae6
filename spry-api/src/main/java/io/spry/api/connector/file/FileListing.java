package io.spry.api.connector.file;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Which files a path stands for. */
final class FileListing {
  private FileListing() {}

  /**
   * A regular file stands for itself; a directory for the regular files directly in it, except
   * hidden ones (names starting with '.' or '_'), sorted by name.
   *
   * @throws FileNotFoundException if nothing is at {@code path}, with the message {@code No such
   *     file or directory: <path>}
   */
  static List<Path> list(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        return entries
            .filter(p -> !isHidden(p) && Files.isRegularFile(p))
            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
            .toList();
      } catch (AccessDeniedException e) {
        throw new IOException("Cannot list directory " + path + ": permission denied", e);
      }
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    checkExists(path);
    throw new IOException("Not a regular file or directory: " + path);
  }

  /** Fails with {@code No such file or directory: <path>} if nothing is at {@code path}. */
  static void checkExists(Path path) throws FileNotFoundException {
    if (!Files.exists(path)) {
      throw new FileNotFoundException("No such file or directory: " + path);
    }
  }

  /** Whether readers skip {@code file}: its name starts with '.' or '_'. */
  static boolean isHidden(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }
}
