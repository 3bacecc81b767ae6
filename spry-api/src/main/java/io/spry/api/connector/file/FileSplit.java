package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.SourceSplit;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a {@link FileSource} with the reader's position in it: the bytes and the lines
 * already consumed. A reader given a split with a position seeks to {@code offset} and numbers the
 * next line {@code line + 1}.
 *
 * @param path the file's absolute path
 * @param offset bytes of the file already consumed, always at the start of a line
 * @param line lines already consumed
 */
@Public
public record FileSplit(String path, long offset, long line) implements SourceSplit, Serializable {

  public FileSplit {
    Objects.requireNonNull(path, "path");
    if (offset < 0 || line < 0) {
      throw new IllegalArgumentException(
          "A file split's position must not be negative: offset " + offset + ", line " + line);
    }
  }

  /** A split of a file not read yet. */
  public static FileSplit of(Path file) {
    return new FileSplit(file.toString(), 0, 0);
  }

  /** The path; it identifies the split. */
  @Override
  public String splitId() {
    return path;
  }

  public Path file() {
    return Path.of(path);
  }
}
