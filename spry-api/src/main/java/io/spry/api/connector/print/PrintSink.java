package io.spry.api.connector.print;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.io.PrintStream;

/**
 * Prints each record's {@code toString()} on a line of standard output or standard error.
 *
 * <p>Line prefix: with parallelism above 1, the subtask's number from 1 and {@code "> "} ({@code 2>
 * (hello,3)}), after the user's prefix and a colon if one is given ({@code out:2> (hello,3)}); with
 * parallelism 1, only the user's prefix and {@code "> "} ({@code out> (hello,3)}), or nothing.
 *
 * <p>The stream ({@code System.out} or {@code System.err}) is read when a writer is created and
 * shared by all writers; each record is printed with a single call, so lines of different subtasks
 * do not interleave. Writers flush the stream at {@link SinkWriter#flush} and never close it.
 *
 * @param <T> the records printed
 */
@Public
public final class PrintSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final boolean stdErr;
  private final String prefix; // null or empty: none
  private final transient PrintStream target; // null: System.out or System.err

  /**
   * @param stdErr true for standard error, false for standard output
   * @param prefix printed before each line, or null for none
   */
  public PrintSink(boolean stdErr, String prefix) {
    this(stdErr, prefix, null);
  }

  private PrintSink(boolean stdErr, String prefix, PrintStream target) {
    this.stdErr = stdErr;
    this.prefix = prefix;
    this.target = target;
  }

  /**
   * A sink printing to {@code stream}, for tests. The stream does not survive serialization: a
   * deserialized copy prints to standard output.
   */
  static <T> PrintSink<T> toStream(PrintStream stream, String prefix) {
    return new PrintSink<>(false, prefix, stream);
  }

  /** True when printing to standard error. */
  public boolean isStdErr() {
    return stdErr;
  }

  /** The user's prefix, or null. */
  public String getPrefix() {
    return prefix;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    PrintStream stream = target != null ? target : stdErr ? System.err : System.out;
    return new Writer<>(
        stream, linePrefix(prefix, context.getSubtaskIndex(), context.getParallelism()));
  }

  /** The text before each record, e.g. {@code "out:2> "}, or empty. */
  static String linePrefix(String prefix, int subtask, int parallelism) {
    boolean hasPrefix = prefix != null && !prefix.isEmpty();
    if (parallelism > 1) {
      return (hasPrefix ? prefix + ":" : "") + (subtask + 1) + "> ";
    }
    return hasPrefix ? prefix + "> " : "";
  }

  /** Prints one line per record. */
  private static final class Writer<T> implements SinkWriter<T> {
    private final PrintStream stream;
    private final String linePrefix;

    Writer(PrintStream stream, String linePrefix) {
      this.stream = stream;
      this.linePrefix = linePrefix;
    }

    @Override
    public void write(T element, Context context) {
      String text = String.valueOf(element);
      stream.println(linePrefix.isEmpty() ? text : linePrefix.concat(text));
    }

    @Override
    public void flush(boolean endOfInput) {
      stream.flush();
    }

    @Override
    public void close() {
      stream.flush();
    }
  }
}
