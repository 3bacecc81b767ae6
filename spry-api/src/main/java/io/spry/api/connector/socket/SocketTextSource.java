package io.spry.api.connector.socket;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;

/** Lines from a TCP socket. (Stub.) */
@Public
public final class SocketTextSource implements Source<String, SourceSplit> {
  public SocketTextSource(String host, int port) {}

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<SourceSplit> createEnumerator(SplitEnumeratorContext<SourceSplit> c) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public SourceReader<String, SourceSplit> createReader(SourceReaderContext context) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public TypeInfo<String> getProducedType() {
    return TypeInfo.of(String.class);
  }
}
