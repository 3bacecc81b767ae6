package io.spry.api.connector.file;

import io.spry.api.connector.sink.SinkWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one line per record to a subtask's file, UTF-8, each ending with {@code \n}, buffered and
 * flushed at {@link #flush}. Subclasses say how a record becomes a line. Errors name the file.
 *
 * <p>The file a subtask writes: with parallelism 1, {@code path} itself (parent directories are
 * created); with more, {@code path} is a directory (created if missing) of files {@code part-<i>},
 * {@code i} the subtask index from 0. An existing file is replaced with {@link
 * WriteMode#OVERWRITE}; with {@link WriteMode#NO_OVERWRITE} (the default) the writer fails naming
 * it.
 */
abstract class LineFileWriter<T> implements SinkWriter<T> {
  private static final int BUFFER_CHARS = 64 * 1024;

  private final Path file;
  private final Writer out;

  LineFileWriter(Path path, int subtask, int parallelism, WriteMode mode) throws IOException {
    this.file = fileOf(path, subtask, parallelism);
    try {
      this.out =
          new BufferedWriter(
              new OutputStreamWriter(
                  mode == WriteMode.OVERWRITE
                      ? Files.newOutputStream(file)
                      : Files.newOutputStream(
                          file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                  StandardCharsets.UTF_8),
              BUFFER_CHARS);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          "Output file "
              + file
              + " already exists; remove it, or pass WriteMode.OVERWRITE to replace it",
          e);
    } catch (IOException e) {
      throw new IOException("Cannot write file " + file + ": " + describe(e), e);
    }
  }

  /** The file a subtask writes; creates the directories it needs. */
  static Path fileOf(Path path, int subtask, int parallelism) throws IOException {
    if (parallelism == 1) {
      if (Files.isDirectory(path)) {
        throw new IOException(
            "Cannot write file "
                + path
                + ": it is a directory (with parallelism 1 the path is"
                + " the output file)");
      }
      Path parent = path.getParent();
      if (parent != null) {
        createDirectories(parent);
      }
      return path;
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new IOException(
          "Cannot write to "
              + path
              + ": with parallelism "
              + parallelism
              + " the path is a directory of part files, but it is a file");
    }
    createDirectories(path);
    return path.resolve("part-" + subtask);
  }

  private static void createDirectories(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("Cannot create directory " + dir + ": a file is in the way", e);
    } catch (IOException e) {
      throw new IOException("Cannot create directory " + dir + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /** Writes {@code element} as a line, without the terminator. */
  abstract void writeLine(T element, Writer out) throws IOException;

  /** The file written. */
  Path file() {
    return file;
  }

  @Override
  public void write(T element, Context context) throws IOException {
    try {
      writeLine(element, out);
      out.write('\n');
    } catch (IOException e) {
      throw new IOException("Cannot write file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw new IOException("Cannot write file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
