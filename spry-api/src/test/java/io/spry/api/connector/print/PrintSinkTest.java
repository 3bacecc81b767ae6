package io.spry.api.connector.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.testing.TestSinkContext;
import io.spry.api.tuple.Tuple2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintSinkTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, false, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void print(String prefix, int subtask, int parallelism, Object... records)
      throws Exception {
    try (SinkWriter<Object> w =
        PrintSink.toStream(stream, prefix)
            .createWriter(new TestSinkContext(subtask, parallelism))) {
      for (Object r : records) {
        w.write(r, TestSinkContext.NO_TIMESTAMP);
      }
      w.flush(true);
    }
  }

  @Test
  void printsRecordsAloneAtParallelismOne() throws Exception {
    print(null, 0, 1, Tuple2.of("hello", 3), 42);
    assertThat(printed())
        .isEqualTo("(hello,3)" + System.lineSeparator() + "42" + System.lineSeparator());
  }

  @Test
  void printsTheSubtaskNumberFromOneAtHigherParallelism() throws Exception {
    print(null, 1, 4, Tuple2.of("hello", 3));
    assertThat(printed()).isEqualTo("2> (hello,3)" + System.lineSeparator());
  }

  @Test
  void printsTheUsersPrefixBeforeTheSubtask() throws Exception {
    print("out", 1, 4, "x");
    print("out", 0, 1, "y");
    assertThat(printed().lines()).containsExactly("out:2> x", "out> y");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, 0, 1, ''",
        "'', 0, 1, ''",
        "NULL, 0, 2, '1> '",
        "NULL, 9, 10, '10> '",
        "'', 2, 3, '3> '",
        "p, 0, 1, 'p> '",
        "p, 2, 3, 'p:3> '"
      })
  void formatsTheLinePrefixLikeFlink(String prefix, int subtask, int parallelism, String expected) {
    assertThat(PrintSink.linePrefix(prefix, subtask, parallelism)).isEqualTo(expected);
  }

  @Test
  void linesOfConcurrentWritersDoNotInterleave() throws Exception {
    PrintSink<String> sink = PrintSink.toStream(stream, "p");
    int writers = 4;
    int perWriter = 2000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int subtask = i;
      Thread t =
          new Thread(
              () -> {
                try (SinkWriter<String> w =
                    sink.createWriter(new TestSinkContext(subtask, writers))) {
                  go.await();
                  for (int n = 0; n < perWriter; n++) {
                    w.write("record-" + n, TestSinkContext.NO_TIMESTAMP);
                  }
                  w.flush(true);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    List<String> lines = printed().lines().toList();
    assertThat(lines).hasSize(writers * perWriter);
    assertThat(lines).allMatch(l -> l.matches("p:[1-4]> record-\\d+"));
  }

  @Test
  void readsTheStandardStreamsWhenAWriterIsCreated() throws Exception {
    PrintStream original = System.err;
    try {
      System.setErr(stream);
      try (SinkWriter<String> w =
          new PrintSink<String>(true, "err").createWriter(new TestSinkContext(0, 1))) {
        w.write("to stderr", TestSinkContext.NO_TIMESTAMP);
        w.flush(true);
      }
    } finally {
      System.setErr(original);
    }
    assertThat(printed().lines()).containsExactly("err> to stderr");
  }

  @Test
  void aDeserializedSinkPrintsToStandardOutput() throws Exception {
    PrintSink<String> sink = PrintSink.toStream(stream, "p");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(buf)) {
      out.writeObject(sink);
    }
    PrintSink<?> copy;
    try (var in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(buf.toByteArray()))) {
      copy = (PrintSink<?>) in.readObject();
    }
    assertThat(copy.getPrefix()).isEqualTo("p");
    assertThat(copy.isStdErr()).isFalse();
  }
}
