package io.spry.api.connector.socket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Connecting with errors that say where to and what happened. */
final class Sockets {
  /** How long a connection attempt may take unless configured. */
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private Sockets() {}

  /** {@code host:port}, with an IPv6 literal in brackets. */
  static String address(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  static void checkAddress(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("The host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("A port is 1 to 65535, not " + port);
    }
  }

  static int timeoutMillis(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The connect timeout must be positive, not " + timeout);
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  /**
   * Connects {@code socket} to {@code host:port}. A failure is an {@link IOException} (of the
   * cause's type where it is one of {@link UnknownHostException}, {@link ConnectException} or
   * {@link SocketTimeoutException}) whose message reads {@code Cannot connect to host:port: <what
   * happened>}, e.g. {@code connection refused} or {@code timed out after 10000 ms}.
   */
  static void connect(Socket socket, String host, int port, int timeoutMillis) throws IOException {
    String address = address(host, port);
    InetSocketAddress remote = new InetSocketAddress(host, port);
    if (remote.isUnresolved()) {
      throw new UnknownHostException("Cannot connect to " + address + ": unknown host");
    }
    try {
      socket.connect(remote, timeoutMillis);
    } catch (SocketTimeoutException e) {
      throw withCause(
          new SocketTimeoutException(
              "Cannot connect to " + address + ": timed out after " + timeoutMillis + " ms"),
          e);
    } catch (ConnectException e) {
      throw withCause(new ConnectException("Cannot connect to " + address + ": " + describe(e)), e);
    } catch (UnknownHostException e) {
      throw withCause(
          new UnknownHostException("Cannot connect to " + address + ": unknown host"), e);
    } catch (IOException e) {
      throw new IOException("Cannot connect to " + address + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("refused")) {
      return "connection refused";
    }
    if (lower.contains("timed out")) {
      return "timed out";
    }
    return message;
  }

  private static <E extends IOException> E withCause(E e, Throwable cause) {
    e.initCause(cause);
    return e;
  }
}
