package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobExecutionException;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.file.FileSink;
import io.spry.api.connector.file.FileSource;
import io.spry.api.connector.file.LineEncoder;
import io.spry.api.connector.file.RollingPolicy;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.Types;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in sources and sinks inside whole jobs. */
class ConnectorJobTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void sequenceIsReadOnceInParallel(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Long> out = env.fromSequence(-50, 10_000).executeAndCollect(1 << 20);
    assertThat(out)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(-50, 10_000).boxed().toList());
  }

  @Test
  void elementsKeepTheirOrderAtParallelismOne() {
    StreamEnvironment env = StreamEnvironment.createLocal(4);
    assertThat(env.fromElements("c", "a", "b").executeAndCollect(10))
        .containsExactly("c", "a", "b");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void textFilesOfADirectoryInAndTextFilesOut(int p, @TempDir Path dir) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        lines.add("file" + f + "-line" + i);
      }
      Files.write(in.resolve("part" + f + ".txt"), lines);
      lines.forEach(l -> expected.add(l.toUpperCase()));
    }
    Path out = dir.resolve("out");
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.readTextFile(in.toString()).map(String::toUpperCase).writeAsText(out.toString());
    env.execute("files");
    List<String> written;
    if (p == 1) {
      written = Files.readAllLines(out);
    } else {
      try (Stream<Path> parts = Files.list(out)) {
        written =
            parts
                .flatMap(
                    f -> {
                      try {
                        return Files.readAllLines(f).stream();
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    })
                .toList();
      }
    }
    assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void csvSinkQuotesFields(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out.csv");
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.fromCollection(
            List.of(Tuple2.of("plain", 1), Tuple2.of("with,comma", 2), Tuple2.of("say \"hi\"", 3)),
            Types.TUPLE(Types.STRING, Types.INT))
        .writeAsCsv(out.toString());
    env.execute("csv");
    assertThat(Files.readAllLines(out))
        .containsExactly("plain,1", "\"with,comma\",2", "\"say \"\"hi\"\"\",3");
  }

  @Test
  void csvOfAnUnsupportedTypeFailsAtBuildTime(@TempDir Path dir) {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    assertThatThrownBy(() -> env.fromSequence(1, 3).writeAsCsv(dir.resolve("x.csv").toString()))
        .hasMessageContaining("CSV needs Spry tuples or Java records")
        .hasMessageContaining("java.lang.Long");
  }

  @Test
  void aMissingFileFailsNamingThePath(@TempDir Path dir) {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    String missing = dir.resolve("nope.txt").toString();
    assertThatThrownBy(() -> env.readTextFile(missing).print()).hasMessageContaining(missing);
  }

  @Test
  void anUnparsableLineFailsNamingTheLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("numbers.txt");
    Files.write(f, List.of("1", "2", "three", "4"));
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.readTextFile(f.toString()).map(Long::parseLong).name("parse").addSink((v, c) -> {});
    assertThatThrownBy(() -> env.execute("parse"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("'parse'")
        .hasMessageContaining("on record three")
        .hasMessageContaining("NumberFormatException");
  }

  @Test
  void socketInSocketOut() throws Exception {
    try (ServerSocket source = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        ServerSocket sink = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serve =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = source.accept();
                    PrintWriter w =
                        new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                  for (int i = 0; i < 100; i++) {
                    w.println("line " + i);
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      CompletableFuture<List<String>> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = sink.accept();
                    BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                  return r.lines().collect(Collectors.toList());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      env.socketTextStream("127.0.0.1", source.getLocalPort())
          .map(String::length)
          .writeToSocket(
              "127.0.0.1",
              sink.getLocalPort(),
              (Integer n) -> (n + "\n").getBytes(StandardCharsets.UTF_8))
          .setParallelism(1);
      env.execute("sockets");
      serve.get();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        expected.add(String.valueOf(("line " + i).length()));
      }
      assertThat(received.get()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void anUnreachableSocketFailsNamingTheAddress() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.socketTextStream("127.0.0.1", port).print();
    assertThatThrownBy(() -> env.execute("no server"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void printPrefixesTheSubtaskWhenParallel() {
    PrintStream original = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      StreamEnvironment env = StreamEnvironment.createLocal(2);
      env.fromSequence(1, 20).print();
      env.execute("print");
    } finally {
      System.setOut(original);
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(20);
    assertThat(lines).allMatch(l -> l.matches("[12]> \\d+"));
    assertThat(lines.stream().map(l -> Long.parseLong(l.substring(3))).toList())
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
  }

  @Test
  void fileSourceThroughFromSource(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.txt");
    Files.write(f, List.of("x", "y", "z"));
    StreamEnvironment env = StreamEnvironment.createLocal(2);
    List<String> out =
        env.fromSource(FileSource.forLines(f).build(), WatermarkStrategy.noWatermarks(), "file")
            .executeAndCollect(10);
    assertThat(out).containsExactly("x", "y", "z");
  }

  /**
   * Until the sink operator drives two-phase commit, a FileSink commits at its writer's flushes,
   * the last at the end of a bounded job; the output, read back as a FileSource reads it, holds
   * every record once.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void fileSinkOutputIsVisibleAtTheEndOfABoundedJob(int p, @TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.fromSequence(0, 9_999)
        .map(i -> "n" + i)
        .sinkTo(
            FileSink.forRowFormat(out, LineEncoder.<String>toStringLines())
                .withRollingPolicy(RollingPolicy.builder().maxPartSize(4_096).build())
                .build());
    env.execute("file sink");
    List<String> read =
        StreamEnvironment.createLocal(2)
            .fromSource(FileSource.forLines(out).build(), WatermarkStrategy.noWatermarks(), "out")
            .executeAndCollect(1 << 20);
    assertThat(read)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(0, 9_999).mapToObj(i -> "n" + i).toList());
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(name -> name.matches("part-\\d+-\\d+"), "finished part names only");
    }
  }
}
