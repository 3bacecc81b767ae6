package io.spry.api.connector.socket;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * Text records read from a TCP connection, cut at a delimiter ({@code "\n"} unless given; with it,
 * a {@code '\r'} before the newline is dropped too). The bytes are decoded as UTF-8; malformed
 * sequences become U+FFFD.
 *
 * <ul>
 *   <li>Parallelism 1 ({@link #getMaxParallelism()}); the reader blocks in reads, so it runs on a
 *       thread of its own ({@link #isBlocking()}).
 *   <li>The reader connects when it gets the source's one {@link SocketSplit}, waiting at most the
 *       connect timeout (10 s unless given). A failure is an {@link java.io.IOException} whose
 *       message names {@code host:port} and says what happened: {@code Cannot connect to
 *       localhost:9999: connection refused}.
 *   <li>The source is {@link Boundedness#CONTINUOUS_UNBOUNDED}, but when the server closes the
 *       connection the text after the last delimiter (if any) is emitted as a last record and the
 *       reader ends.
 *   <li>Closing the reader from another thread closes the connection and unblocks a pending read.
 *   <li>A socket cannot be replayed: a restored reader connects anew and reads what comes.
 * </ul>
 */
@Public
public final class SocketTextSource implements Source<String, SocketSplit> {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;
  private final String delimiter;
  private final int connectTimeoutMillis;

  /** Lines from {@code host:port}. */
  public SocketTextSource(String host, int port) {
    this(host, port, "\n");
  }

  /** Records separated by {@code delimiter} from {@code host:port}. */
  public SocketTextSource(String host, int port, String delimiter) {
    this(host, port, delimiter, Sockets.DEFAULT_CONNECT_TIMEOUT);
  }

  /** Records separated by {@code delimiter}, connecting within {@code connectTimeout}. */
  public SocketTextSource(String host, int port, String delimiter, Duration connectTimeout) {
    Sockets.checkAddress(host, port);
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("The delimiter must not be empty");
    }
    this.host = host;
    this.port = port;
    this.delimiter = delimiter;
    this.connectTimeoutMillis = Sockets.timeoutMillis(connectTimeout);
  }

  public String getHost() {
    return host;
  }

  public int getPort() {
    return port;
  }

  public String getDelimiter() {
    return delimiter;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public int getMaxParallelism() {
    return 1;
  }

  @Override
  public SplitEnumerator<SocketSplit> createEnumerator(
      SplitEnumeratorContext<SocketSplit> context) {
    return new Enumerator(context, new SocketSplit(Sockets.address(host, port)));
  }

  @Override
  public SourceReader<String, SocketSplit> createReader(SourceReaderContext context) {
    return new SocketTextReader(host, port, delimiter, connectTimeoutMillis, context);
  }

  @Override
  public TypeInfo<String> getProducedType() {
    return TypeInfo.of(String.class);
  }

  /** Gives the one split to the first reader that asks; every reader then hears no more come. */
  private static final class Enumerator implements SplitEnumerator<SocketSplit> {
    private final SplitEnumeratorContext<SocketSplit> context;
    private final ArrayDeque<SocketSplit> unassigned = new ArrayDeque<>();

    Enumerator(SplitEnumeratorContext<SocketSplit> context, SocketSplit split) {
      this.context = context;
      if (split != null) {
        unassigned.add(split);
      }
    }

    @Override
    public void handleSplitRequest(int subtask) {
      SocketSplit split = unassigned.poll();
      if (split != null) {
        context.assignSplit(split, subtask);
      }
      context.signalNoMoreSplits(subtask);
    }

    @Override
    public void addSplitsBack(List<SocketSplit> splits, int subtask) {
      unassigned.addAll(splits);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
      return io.spry.api.connector.source.SplitCodec.write(
          unassigned, List.of(), context.splitSerializer());
    }
  }

  /** A socket cannot be replayed: a restored job reads on from what the socket sends next. */
  @Override
  public SplitEnumerator<SocketSplit> restoreEnumerator(
      SplitEnumeratorContext<SocketSplit> context, byte[] state) throws java.io.IOException {
    Enumerator e = new Enumerator(context, null);
    e.unassigned.clear();
    e.unassigned.addAll(
        io.spry.api.connector.source.SplitCodec.read(state, context.splitSerializer()).splits());
    return e;
  }
}
