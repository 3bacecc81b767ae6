package io.spry.api.connector.collection;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The elements of a list, in order: a bounded source with a single {@link CollectionSplit}.
 *
 * <p>The split always goes to subtask 0, which emits every element in list order; other subtasks
 * (if the source runs with a higher parallelism) end at once. The split's position is the index of
 * the next element, so a restored reader continues where the checkpoint left off. The list is
 * copied at construction, must not contain nulls and, to ship with the job, its elements must be
 * serializable.
 *
 * @param <T> the element type
 */
@Public
public final class CollectionSource<T> implements Source<T, CollectionSplit> {
  private static final long serialVersionUID = 1L;

  private final List<T> elements;
  private final TypeInfo<T> type;

  public CollectionSource(List<T> elements, TypeInfo<T> type) {
    this.elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<CollectionSplit> createEnumerator(
      SplitEnumeratorContext<CollectionSplit> context) {
    return new StaticSplitEnumerator<>(context, List.of(new CollectionSplit(0)), 0);
  }

  @Override
  public SplitEnumerator<CollectionSplit> restoreEnumerator(
      SplitEnumeratorContext<CollectionSplit> context, byte[] state) throws java.io.IOException {
    return new StaticSplitEnumerator<>(
        context,
        io.spry.api.connector.source.SplitCodec.read(state, context.splitSerializer()).splits(),
        0);
  }

  @Override
  public SourceReader<T, CollectionSplit> createReader(SourceReaderContext context) {
    return new Reader<>(elements, context);
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  /** Emits the list from the split's position on. */
  private static final class Reader<T> extends SplitQueueReader<T, CollectionSplit> {
    private final List<T> elements;
    private int position;

    Reader(List<T> elements, SourceReaderContext context) {
      super(context);
      this.elements = elements;
    }

    @Override
    void open(CollectionSplit split) {
      position = split.position();
    }

    @Override
    boolean emit(io.spry.api.connector.source.SourceOutput<T> output, int max) {
      int end = (int) Math.min(elements.size(), (long) position + max);
      while (position < end) {
        output.collect(elements.get(position++));
      }
      return position >= elements.size();
    }

    @Override
    CollectionSplit currentPosition() {
      return new CollectionSplit(position);
    }
  }
}
