package io.spry.api.connector.socket;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes records to a TCP connection: each record becomes the bytes its serializer makes, written
 * as they are (add a delimiter in the serializer if the reader needs one; {@link #utf8Lines()}
 * does).
 *
 * <ul>
 *   <li>Each writer opens its own connection when it is created, waiting at most the connect
 *       timeout (10 s unless given). A failure is an {@link IOException} naming {@code host:port}
 *       and what happened: {@code Cannot connect to localhost:9999: connection refused}.
 *   <li>Writes are buffered and sent at {@link SinkWriter#flush} and at close; a write error (the
 *       peer went away) fails the job with a message naming {@code host:port}.
 *   <li>The serializer ships with the job, so it must be serializable: a {@link Function} lambda is
 *       not unless cast, e.g. {@code (Function<T, byte[]> & Serializable) t -> ...}. The sink does
 *       not check it; an embedded run that does not serialize the job works either way.
 * </ul>
 *
 * @param <T> the records written
 */
@Public
public final class SocketSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER_BYTES = 8192;

  private final String host;
  private final int port;
  private final Function<T, byte[]> serializer;
  private final int connectTimeoutMillis;

  public SocketSink(String host, int port, Function<T, byte[]> serializer) {
    this(host, port, serializer, Sockets.DEFAULT_CONNECT_TIMEOUT);
  }

  public SocketSink(
      String host, int port, Function<T, byte[]> serializer, Duration connectTimeout) {
    Sockets.checkAddress(host, port);
    this.host = host;
    this.port = port;
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.connectTimeoutMillis = Sockets.timeoutMillis(connectTimeout);
  }

  /** A serializable serializer: the record's {@code toString()} and a newline, in UTF-8. */
  public static <T> Function<T, byte[]> utf8Lines() {
    return Utf8Lines.instance();
  }

  public String getHost() {
    return host;
  }

  public int getPort() {
    return port;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) throws IOException {
    Socket socket = new Socket();
    try {
      Sockets.connect(socket, host, port, connectTimeoutMillis);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
      return new Writer<>(socket, out, serializer, Sockets.address(host, port));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Writes serialized records to one connection. */
  private static final class Writer<T> implements SinkWriter<T> {
    private final Socket socket;
    private final OutputStream out;
    private final Function<T, byte[]> serializer;
    private final String address;

    Writer(Socket socket, OutputStream out, Function<T, byte[]> serializer, String address) {
      this.socket = socket;
      this.out = out;
      this.serializer = serializer;
      this.address = address;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      byte[] bytes = serializer.apply(element);
      try {
        out.write(bytes);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    private IOException failed(IOException e) {
      return new IOException("Writing to " + address + " failed: " + e.getMessage(), e);
    }

    /** Sends what is buffered, then closes the connection. */
    @Override
    public void close() throws IOException {
      try (socket) {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }

  /** {@code toString()} plus {@code '\n'}, UTF-8. */
  private static final class Utf8Lines<T> implements Function<T, byte[]>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Utf8Lines<?> INSTANCE = new Utf8Lines<>();

    @SuppressWarnings("unchecked")
    static <T> Utf8Lines<T> instance() {
      return (Utf8Lines<T>) INSTANCE;
    }

    @Override
    public byte[] apply(T record) {
      return (record + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
