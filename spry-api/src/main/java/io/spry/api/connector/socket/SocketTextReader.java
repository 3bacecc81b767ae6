package io.spry.api.connector.socket;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Connects once its split arrives, then blocks in reads and emits the records each read completes.
 * {@link #close()} from another thread closes the channel, which ends a pending connect or read at
 * once; {@code pollNext} then reports the end of input. An interrupt also closes the channel (it is
 * an interruptible channel) and fails {@code pollNext} with an {@link InterruptedIOException}.
 */
final class SocketTextReader implements SourceReader<String, SocketSplit> {
  private static final int CHUNK_CHARS = 8192;

  private final String host;
  private final int port;
  private final int connectTimeoutMillis;
  private final SourceReaderContext context;
  private final DelimitedText records;
  private final char[] chunk = new char[CHUNK_CHARS];

  private volatile boolean closed;
  private volatile SocketChannel channel;
  private Reader in;
  private SocketSplit split; // null: none, or read to its end
  private boolean noMoreSplits;

  SocketTextReader(
      String host,
      int port,
      String delimiter,
      int connectTimeoutMillis,
      SourceReaderContext context) {
    this.host = host;
    this.port = port;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.context = context;
    this.records = new DelimitedText(delimiter);
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<String> output) throws IOException {
    if (closed) {
      return InputStatus.END_OF_INPUT;
    }
    if (split == null) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    int n;
    try {
      if (in == null) {
        connect();
      }
      n = in.read(chunk);
    } catch (ClosedByInterruptException e) {
      throw (InterruptedIOException)
          new InterruptedIOException("Interrupted while reading from " + split.address())
              .initCause(e);
    } catch (IOException e) {
      if (closed) {
        return InputStatus.END_OF_INPUT;
      }
      throw e;
    }
    if (n < 0) { // the server closed the connection
      records.finish(output);
      split = null;
      closeChannel();
      return InputStatus.MORE_AVAILABLE;
    }
    records.feed(chunk, n, output);
    return InputStatus.MORE_AVAILABLE;
  }

  private void connect() throws IOException {
    SocketChannel ch = SocketChannel.open();
    channel = ch;
    if (closed) { // close() may have missed the channel
      ch.close();
      throw new IOException("closed");
    }
    Sockets.connect(ch.socket(), host, port, connectTimeoutMillis);
    in = new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8);
  }

  @Override
  public void addSplits(List<SocketSplit> splits) {
    if (!splits.isEmpty()) {
      split = splits.get(0);
    }
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public List<SocketSplit> snapshotState(long checkpointId) {
    return split == null ? List.of() : List.of(split);
  }

  /** Safe to call from any thread: closes the connection, ending a pending connect or read. */
  @Override
  public void close() throws IOException {
    closed = true;
    closeChannel();
  }

  private void closeChannel() throws IOException {
    SocketChannel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }
}
