package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes each record's {@code toString()} as a line, UTF-8, ending with {@code \n}.
 *
 * <p><b>Layout.</b> With parallelism 1 the sink writes the file {@code path} itself, creating its
 * parent directories. With parallelism {@code n > 1}, {@code path} is a directory (created if
 * missing) in which subtask {@code i} (from 0) writes {@code part-i}. Existing files are
 * overwritten; part files of an earlier run with a higher parallelism are left alone.
 *
 * <p>Writes are buffered and reach the file at {@link SinkWriter#flush} (the end of input) and at
 * close. Errors name the file.
 *
 * @param <T> the records written
 */
@Public
public final class TextFileSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String path; // Path is not serializable
  private final WriteMode mode;

  /** Fails if an output file exists ({@link WriteMode#NO_OVERWRITE}). */
  public TextFileSink(Path path) {
    this(path, WriteMode.NO_OVERWRITE);
  }

  public TextFileSink(Path path, WriteMode mode) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize().toString();
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** The output file (parallelism 1) or directory, as an absolute path. */
  public Path getPath() {
    return Path.of(path);
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) throws IOException {
    return new LineFileWriter<>(
        getPath(), context.getSubtaskIndex(), context.getParallelism(), mode) {
      @Override
      void writeLine(T element, Writer out) throws IOException {
        out.write(String.valueOf(element));
      }
    };
  }
}
