package io.spry.cli.control;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The control protocol: one request, one response, per TCP connection to a {@code spry run}
 * process's loopback port.
 *
 * <pre>
 * request  = "SPRY1" SP token SP command SP jobId *(SP arg) LF
 * response = "OK" LF *(line LF) | "ERR" SP message LF      ; then the server closes
 * line     = field *(SP field)
 * </pre>
 *
 * Every field (token, command, argument, message, field of a line) is URL-encoded UTF-8, so a field
 * holds no space or line break and an empty field is allowed (an absent argument). Lines are at
 * most {@value #MAX_LINE} bytes. Commands and what their {@code OK} carries:
 *
 * <table>
 *   <caption>commands</caption>
 *   <tr><td>{@code STATUS id}</td><td>one line: status, restarts, checkpoint interval (empty when
 *       off), completed checkpoints</td></tr>
 *   <tr><td>{@code SAVEPOINT id dir}</td><td>one line: the savepoint's path</td></tr>
 *   <tr><td>{@code STOP id dir}</td><td>one line: the savepoint's path, once the job ended</td></tr>
 *   <tr><td>{@code CANCEL id}</td><td>one line: the job's status after it ended (or CANCELLING
 *       when it has not ended within a minute)</td></tr>
 *   <tr><td>{@code CHECKPOINTS id}</td><td>a line per completed checkpoint, oldest first: id,
 *       savepoint, trigger time (epoch ms), duration ms, size bytes, alignment ms, slowest subtask,
 *       slowest synchronous part ms, path</td></tr>
 * </table>
 *
 * {@code dir} is an absolute path, or empty for the job's checkpoint storage directory.
 */
final class Protocol {
  static final String MAGIC = "SPRY1";
  static final String OK = "OK";
  static final String ERR = "ERR";
  static final int MAX_LINE = 64 * 1024;

  static final String STATUS = "STATUS";
  static final String SAVEPOINT = "SAVEPOINT";
  static final String STOP = "STOP";
  static final String CANCEL = "CANCEL";
  static final String CHECKPOINTS = "CHECKPOINTS";

  private Protocol() {}

  /** The fields as one line, without the line break. */
  static String line(List<String> fields) {
    return fields.stream()
        .map(f -> URLEncoder.encode(f == null ? "" : f, StandardCharsets.UTF_8))
        .collect(Collectors.joining(" "));
  }

  static String line(String... fields) {
    return line(Arrays.asList(fields));
  }

  /** The fields of a line read from the wire. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(" ", -1)) {
      out.add(URLDecoder.decode(f, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * Reads one line (without its LF), or null at the end of the stream before any byte.
   *
   * @throws IOException when the line is longer than {@link #MAX_LINE} or ends without LF
   */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (buf.size() == 0) {
          return null;
        }
        throw new EOFException("The connection closed in the middle of a line");
      }
      if (b == '\n') {
        return buf.toString(StandardCharsets.UTF_8);
      }
      if (buf.size() >= MAX_LINE) {
        throw new IOException("A line longer than " + MAX_LINE + " bytes");
      }
      buf.write(b);
    }
  }
}
