package io.spry.api.connector.socket;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.util.function.Function;

/** Writes records to a TCP socket. (Stub.) */
@Public
public final class SocketSink<T> implements Sink<T> {
  public SocketSink(String host, int port, Function<T, byte[]> serializer) {}

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
