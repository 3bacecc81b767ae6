package io.spry.api.connector.print;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;

/** Prints records to standard output or error. (Stub.) */
@Public
public final class PrintSink<T> implements Sink<T> {
  public PrintSink(boolean stdErr, String prefix) {}

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
