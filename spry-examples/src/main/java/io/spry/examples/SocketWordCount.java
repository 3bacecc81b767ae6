package io.spry.examples;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.tuple.Tuple2;
import java.util.List;

/**
 * Counts words in lines read from a TCP socket, printing a rolling {@code (word,count)} update per
 * word as it arrives. Runs until the server closes the connection, or until stopped (Ctrl-C).
 *
 * <pre>
 * nc -lk 9999                     # in one terminal: type lines here
 * spry run socket-wordcount --port 9999
 * </pre>
 */
public final class SocketWordCount implements Example {
  public static final String HOST = "host";
  public static final String PORT = "port";

  @Override
  public String name() {
    return "socket-wordcount";
  }

  @Override
  public String description() {
    return "Counts words in lines read from a TCP socket (try: nc -lk 9999), until it closes";
  }

  @Override
  public List<ExampleOption> options() {
    return List.of(
        new ExampleOption(HOST, "<host>", "host to connect to", "localhost"),
        new ExampleOption(PORT, "<port>", "port to connect to", "9999"));
  }

  @Override
  public DataStream<Tuple2<String, Integer>> build(StreamEnvironment env, ExampleArgs args) {
    String host = args.get(HOST, "localhost");
    int port = args.getInt(PORT, 9999);
    if (port < 1 || port > 65535) {
      throw new ExampleUsageException("--port must be in [1, 65535], was " + port);
    }
    // The socket reader blocks in reads: give it a thread of its own (explicitly, because the
    // source transformation does not yet take this from SocketTextSource.isBlocking()).
    return WordCount.counts(env.socketTextStream(host, port).blocking());
  }

  public static void main(String[] args) {
    Examples.main(new SocketWordCount(), args);
  }
}
