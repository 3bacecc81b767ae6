package io.spry.testkit;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A bounded source of given elements, read in parallel: subtask {@code i} of {@code p} reads the
 * elements at indexes {@code i, i + p, i + 2p, ...}, in that order. So at parallelism 1 the stream
 * is the list in order. Records carry no timestamp; assign them with the watermark strategy.
 *
 * <pre>{@code
 * DataStream<String> words =
 *     env.fromSource(ListSource.of(String.class, "a", "b"), WatermarkStrategy.noWatermarks(), "words");
 * }</pre>
 *
 * <p>The elements are kept in the source, which a job ships to its subtasks: they must be
 * serializable, and non-null.
 */
@Public
public final class ListSource<T> implements Source<T, ListSource.Split> {
  private static final long serialVersionUID = 1L;
  private static final int MAX_PER_POLL = 64;

  private final List<T> elements;
  private final TypeInfo<T> type;

  private ListSource(List<T> elements, TypeInfo<T> type) {
    this.elements = List.copyOf(elements);
    this.type = Objects.requireNonNull(type, "type");
  }

  public static <T> ListSource<T> of(List<T> elements, TypeInfo<T> type) {
    return new ListSource<>(elements, type);
  }

  public static <T> ListSource<T> of(List<T> elements, Class<T> type) {
    return new ListSource<>(elements, TypeInfo.of(type));
  }

  @SafeVarargs
  public static <T> ListSource<T> of(Class<T> type, T... elements) {
    return new ListSource<>(Arrays.asList(elements), TypeInfo.of(type));
  }

  /** The elements, in list order. */
  public List<T> elements() {
    return elements;
  }

  /**
   * What one subtask reads: every {@code stride}-th element from {@code next}.
   *
   * @param subtask the reading subtask
   * @param stride the source's parallelism
   * @param next the index of the next element to read
   */
  public record Split(int subtask, int stride, int next) implements SourceSplit {
    @Override
    public String splitId() {
      return "list-" + subtask;
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<Split> createEnumerator(SplitEnumeratorContext<Split> context) {
    return subtask -> {
      context.assignSplit(new Split(subtask, context.currentParallelism(), subtask), subtask);
      context.signalNoMoreSplits(subtask);
    };
  }

  @Override
  public SourceReader<T, Split> createReader(SourceReaderContext context) {
    return new Reader<>(elements, context);
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  @Override
  public String toString() {
    return "ListSource(" + elements.size() + " elements of " + type + ")";
  }

  /** Reads its splits in turn, a few dozen elements per poll. */
  private static final class Reader<T> implements SourceReader<T, Split> {
    private final List<T> elements;
    private final SourceReaderContext context;
    private final ArrayDeque<Split> splits = new ArrayDeque<>();
    private boolean noMoreSplits;

    Reader(List<T> elements, SourceReaderContext context) {
      this.elements = elements;
      this.context = context;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      Split split = splits.poll();
      if (split == null) {
        return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      int i = split.next();
      for (int n = 0; n < MAX_PER_POLL && i < elements.size(); n++, i += split.stride()) {
        output.collect(elements.get(i));
      }
      if (i < elements.size()) {
        splits.addFirst(new Split(split.subtask(), split.stride(), i));
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public void addSplits(List<Split> added) {
      splits.addAll(added);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      return List.copyOf(splits);
    }
  }
}
