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
 * Writes tuples and Java records as CSV lines, UTF-8, each ending with {@code \n}.
 *
 * <ul>
 *   <li><b>Fields.</b> A {@link io.spry.api.tuple.Tuple}'s fields in position order, a record's
 *       components in declaration order, each as its {@code toString()}, separated by commas. No
 *       header line.
 *   <li><b>Quoting</b> (RFC 4180). A field holding a comma, a double quote, CR or LF is enclosed in
 *       double quotes, and each double quote in it is doubled. A null field is written empty, as is
 *       an empty string.
 *   <li><b>Other types</b> fail the job at their first record, with a message naming the class.
 *   <li><b>Layout</b> as in {@link TextFileSink}: {@code path} itself at parallelism 1, else a
 *       directory of {@code part-<subtask>} files; buffered, flushed at {@link SinkWriter#flush}.
 * </ul>
 *
 * @param <T> the records written: tuples or Java records
 */
@Public
public final class CsvSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String path; // Path is not serializable
  private final WriteMode mode;

  /** Fails if an output file exists ({@link WriteMode#NO_OVERWRITE}). */
  public CsvSink(Path path) {
    this(path, WriteMode.NO_OVERWRITE);
  }

  public CsvSink(Path path, WriteMode mode) {
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
        CsvFormat.writeLine(element, out);
      }
    };
  }
}
