package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.nio.file.Path;

/** Writes records as CSV lines. (Stub.) */
@Public
public final class CsvSink<T> implements Sink<T> {
  public CsvSink(Path path) {}

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    throw new UnsupportedOperationException("not yet");
  }
}
