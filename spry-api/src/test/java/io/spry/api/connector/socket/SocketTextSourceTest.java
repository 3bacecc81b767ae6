package io.spry.api.connector.socket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.testing.CollectingOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestEnumeratorContext;
import io.spry.api.connector.testing.TestReaderContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketTextSourceTest {
  private static final String LOOPBACK = "127.0.0.1";
  private final ManualClock clock = new ManualClock();
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Accepts one connection, writes each chunk, then closes it. */
  private CompletableFuture<Void> serve(byte[]... chunks) {
    return CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept();
              OutputStream out = s.getOutputStream()) {
            for (byte[] chunk : chunks) {
              out.write(chunk);
              out.flush();
            }
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void readsLinesUntilTheServerCloses() throws Exception {
    List<String> lines = IntStream.range(0, 5000).mapToObj(i -> "line " + i + " \u00e9").toList();
    String text = String.join("\r\n", lines) + "\n";
    CompletableFuture<Void> served = serve(text.getBytes(UTF_8));
    SocketTextSource source = new SocketTextSource(LOOPBACK, server.getLocalPort());
    try (var h = new SourceHarness<>(source, 1, clock, Integer.MAX_VALUE)) {
      assertThat(h.runToEnd(100_000)).containsExactlyElementsOf(lines);
    }
    served.get(10, TimeUnit.SECONDS);
  }

  @Test
  void emitsTheTextAfterTheLastDelimiterAtTheEnd() throws Exception {
    serve("a||b|".getBytes(UTF_8), "|c||tail".getBytes(UTF_8));
    SocketTextSource source = new SocketTextSource(LOOPBACK, server.getLocalPort(), "||");
    try (var h = new SourceHarness<>(source, 1, clock, Integer.MAX_VALUE)) {
      assertThat(h.runToEnd(1000)).containsExactly("a", "b", "c", "tail");
    }
  }

  @Test
  void decodesCharactersSplitAcrossReads() throws Exception {
    byte[] bytes = "\u00e9\u65e5\n".getBytes(UTF_8);
    serve(
        java.util.Arrays.copyOfRange(bytes, 0, 1),
        java.util.Arrays.copyOfRange(bytes, 1, 3),
        java.util.Arrays.copyOfRange(bytes, 3, bytes.length));
    SocketTextSource source = new SocketTextSource(LOOPBACK, server.getLocalPort());
    try (var h = new SourceHarness<>(source, 1, clock, Integer.MAX_VALUE)) {
      assertThat(h.runToEnd(1000)).containsExactly("\u00e9\u65e5");
    }
  }

  @Test
  void describesItself() {
    SocketTextSource source = new SocketTextSource("localhost", 9999);
    assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(source.getMaxParallelism()).isEqualTo(1);
    assertThat(source.isBlocking()).isTrue();
    assertThat(source.getDelimiter()).isEqualTo("\n");
    assertThatThrownBy(() -> new SocketTextSource("localhost", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SocketTextSource("localhost", 1, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEnumeratorGivesTheSplitToOneReaderAndEndsTheOthers() {
    TestEnumeratorContext<SocketSplit> ctx = new TestEnumeratorContext<>(2, clock);
    var enumerator = new SocketTextSource("localhost", 9999).createEnumerator(ctx);
    enumerator.start();
    enumerator.handleSplitRequest(1);
    enumerator.handleSplitRequest(0);
    assertThat(ctx.takeAssigned(1)).containsExactly(new SocketSplit("localhost:9999"));
    assertThat(ctx.takeAssigned(0)).isEmpty();
    assertThat(ctx.noMoreSignalled(0)).isTrue();
    assertThat(ctx.noMoreSignalled(1)).isTrue();
  }

  @Test
  void anUnreachableServerFailsNamingHostAndPort() throws Exception {
    int port = server.getLocalPort();
    server.close(); // nothing listens there now
    SourceReader<String, SocketSplit> reader =
        new SocketTextSource(LOOPBACK, port).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new SocketSplit(LOOPBACK + ":" + port)));
    assertThatThrownBy(() -> reader.pollNext(new CollectingOutput<>()))
        .isInstanceOf(ConnectException.class)
        .hasMessage("Cannot connect to 127.0.0.1:" + port + ": connection refused");
    reader.close();
  }

  @Test
  void closeFromAnotherThreadUnblocksAPendingRead() throws Exception {
    CountDownLatch accepted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> served =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s = server.accept()) {
                s.getOutputStream().write("first\n".getBytes(UTF_8));
                s.getOutputStream().flush();
                accepted.countDown();
                release.await(); // keep the connection open, silent
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    SourceReader<String, SocketSplit> reader =
        new SocketTextSource(LOOPBACK, server.getLocalPort())
            .createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new SocketSplit("x")));
    reader.notifyNoMoreSplits();
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.spry.api.connector.source.ReaderOutput<String> out =
        new io.spry.api.connector.source.ReaderOutput<>() {
          @Override
          public void collect(String record) {
            received.add(record);
          }

          @Override
          public void collect(String record, long timestamp) {
            received.add(record);
          }
        };
    CompletableFuture<InputStatus> lastStatus =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                InputStatus s;
                do {
                  s = reader.pollNext(out);
                } while (s != InputStatus.END_OF_INPUT);
                return s;
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    accepted.await();
    await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("first"));
    Thread.sleep(100); // let the reader block in its next read
    assertThat(lastStatus).isNotDone();
    reader.close();
    assertThat(lastStatus.get(5, TimeUnit.SECONDS)).isEqualTo(InputStatus.END_OF_INPUT);
    release.countDown();
    served.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aClosedReaderDoesNotConnect() throws Exception {
    SourceReader<String, SocketSplit> reader =
        new SocketTextSource(LOOPBACK, server.getLocalPort())
            .createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new SocketSplit("x")));
    reader.close();
    assertThat(reader.pollNext(new CollectingOutput<>())).isEqualTo(InputStatus.END_OF_INPUT);
  }

  @Test
  void snapshotsTheConnectionUntilItEnds() throws Exception {
    serve("a\n".getBytes(UTF_8));
    SourceReader<String, SocketSplit> reader =
        new SocketTextSource(LOOPBACK, server.getLocalPort())
            .createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    SocketSplit split = new SocketSplit(LOOPBACK + ":" + server.getLocalPort());
    reader.addSplits(List.of(split));
    reader.notifyNoMoreSplits();
    assertThat(reader.snapshotState(1)).containsExactly(split);
    CollectingOutput<String> out = new CollectingOutput<>();
    while (reader.pollNext(out) != InputStatus.END_OF_INPUT) {}
    assertThat(out.records).containsExactly("a");
    assertThat(reader.snapshotState(2)).isEmpty();
    reader.close();
  }
}
