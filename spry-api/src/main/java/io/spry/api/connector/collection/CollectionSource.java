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
import java.util.List;

/** The elements of a list, in order. (Stub.) */
@Public
public final class CollectionSource<T> implements Source<T, SourceSplit> {
  private final List<T> elements;
  private final TypeInfo<T> type;

  public CollectionSource(List<T> elements, TypeInfo<T> type) {
    this.elements = elements;
    this.type = type;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<SourceSplit> createEnumerator(SplitEnumeratorContext<SourceSplit> c) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public SourceReader<T, SourceSplit> createReader(SourceReaderContext context) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }
}
