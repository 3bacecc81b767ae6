package io.spry.api.connector.socket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.testing.TestSinkContext;
import io.spry.api.tuple.Tuple2;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketSinkTest {
  private static final String LOOPBACK = "127.0.0.1";
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Accepts one connection and returns all it received until the peer closed. */
  private CompletableFuture<byte[]> receive() {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket s = server.accept()) {
            return s.getInputStream().readAllBytes();
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void writesTheSerializedBytesOfEachRecord() throws Exception {
    CompletableFuture<byte[]> received = receive();
    SocketSink<Tuple2<String, Integer>> sink =
        new SocketSink<>(LOOPBACK, server.getLocalPort(), SocketSink.utf8Lines());
    try (SinkWriter<Tuple2<String, Integer>> w = sink.createWriter(new TestSinkContext(0, 1))) {
      for (int i = 0; i < 10_000; i++) {
        w.write(Tuple2.of("r\u00e9c", i), TestSinkContext.NO_TIMESTAMP);
      }
      w.flush(true);
    }
    String expected =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "(r\u00e9c," + i + ")\n")
            .collect(Collectors.joining());
    assertThat(new String(received.get(10, TimeUnit.SECONDS), UTF_8)).isEqualTo(expected);
  }

  @Test
  void writesRawBytesWithoutAddingAnything() throws Exception {
    CompletableFuture<byte[]> received = receive();
    SocketSink<Integer> sink =
        new SocketSink<>(LOOPBACK, server.getLocalPort(), i -> new byte[] {(byte) (int) i});
    try (SinkWriter<Integer> w = sink.createWriter(new TestSinkContext(0, 1))) {
      w.write(1, TestSinkContext.NO_TIMESTAMP);
      w.write(2, TestSinkContext.NO_TIMESTAMP);
      w.write(255, TestSinkContext.NO_TIMESTAMP);
      w.flush(true);
    }
    assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 255);
  }

  @Test
  void anUnreachableServerFailsNamingHostAndPort() throws Exception {
    int port = server.getLocalPort();
    server.close();
    SocketSink<String> sink = new SocketSink<>(LOOPBACK, port, SocketSink.utf8Lines());
    assertThatThrownBy(() -> sink.createWriter(new TestSinkContext(0, 1)))
        .isInstanceOf(ConnectException.class)
        .hasMessage("Cannot connect to 127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void aSerializableSinkSurvivesSerialization() throws Exception {
    SocketSink<String> sink =
        new SocketSink<>(
            LOOPBACK,
            server.getLocalPort(),
            (Function<String, byte[]> & Serializable) s -> s.getBytes(UTF_8));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
      out.writeObject(sink);
    }
    @SuppressWarnings("unchecked")
    SocketSink<String> copy =
        (SocketSink<String>)
            new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray())).readObject();
    CompletableFuture<byte[]> received = receive();
    try (SinkWriter<String> w = copy.createWriter(new TestSinkContext(0, 1))) {
      w.write("ok", TestSinkContext.NO_TIMESTAMP);
    }
    assertThat(new String(received.get(10, TimeUnit.SECONDS), UTF_8)).isEqualTo("ok");
  }

  @Test
  void theLineSerializerIsSerializable() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
      out.writeObject(SocketSink.utf8Lines());
    }
    assertThat(SocketSink.<Integer>utf8Lines().apply(7)).isEqualTo("7\n".getBytes(UTF_8));
  }
}
