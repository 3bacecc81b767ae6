package io.spry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.tuple.Tuple2;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SocketWordCountTest {

  @Test
  @Timeout(60)
  void countsTheWordsOfLinesFromASocketUntilItCloses() throws Exception {
    List<String> lines =
        List.of("to be or not to be", "That is the question", "", "to BE, to be!", "last line");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (Socket client = server.accept();
                    OutputStream out = client.getOutputStream()) {
                  for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                  }
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });

      ExampleArgs args =
          ExampleArgs.empty()
              .with(SocketWordCount.HOST, "127.0.0.1")
              .with(SocketWordCount.PORT, Integer.toString(server.getLocalPort()))
              .with(ExampleArgs.PARALLELISM, "2");
      StreamEnvironment env = Examples.environment(args);
      @SuppressWarnings("unchecked")
      DataStream<Tuple2<String, Integer>> counts =
          (DataStream<Tuple2<String, Integer>>) new SocketWordCount().build(env, args);
      List<Tuple2<String, Integer>> updates = counts.executeAndCollect(Integer.MAX_VALUE);

      served.get(10, TimeUnit.SECONDS);
      Map<String, Integer> expected = WordCountTest.frequencies(lines);
      assertThat(expected).containsEntry("to", 4).containsEntry("be", 4);
      assertThat(WordCountTest.lastCounts(updates)).isEqualTo(expected);
    }
  }
}
