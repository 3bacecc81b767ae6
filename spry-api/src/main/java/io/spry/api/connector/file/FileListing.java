package io.spry.api.connector.file;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
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
    return list(path, false);
  }

  /**
   * As {@link #list(Path)}; with {@code nested}, a directory also stands for the files of its
   * subdirectories, at any depth, except hidden ones and what is in them, sorted by their path
   * relative to {@code path}.
   */
  static List<Path> list(Path path, boolean nested) throws IOException {
    if (Files.isDirectory(path)) {
      if (nested) {
        return listNested(path);
      }
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

  private static List<Path> listNested(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(root) || !isHidden(dir)
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !isHidden(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // renamed or deleted while listing
            }
            if (e instanceof AccessDeniedException) {
              throw new IOException("Cannot list " + file + ": permission denied", e);
            }
            throw e;
          }
        });
    files.sort(Comparator.comparing(p -> root.relativize(p).toString()));
    return files;
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
