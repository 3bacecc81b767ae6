package io.spry.api.connector.collection;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;

/** The numbers from {@code from} to {@code to}, inclusive, split into ranges. (Stub.) */
@Public
public final class NumberSequenceSource implements Source<Long, SourceSplit> {
  private final long from;
  private final long to;

  public NumberSequenceSource(long from, long to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<SourceSplit> createEnumerator(SplitEnumeratorContext<SourceSplit> c) {
    throw new UnsupportedOperationException("not yet " + from + to);
  }

  @Override
  public SourceReader<Long, SourceSplit> createReader(SourceReaderContext context) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public TypeInfo<Long> getProducedType() {
    return TypeInfo.of(Long.class);
  }
}
