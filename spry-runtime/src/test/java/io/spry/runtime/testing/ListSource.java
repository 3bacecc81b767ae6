package io.spry.runtime.testing;

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
import java.util.List;

/**
 * A test source: subtask i of p reads the elements at indexes i, i + p, ... (one split per
 * subtask), with timestamps equal to the index. Independent of the built-in connectors.
 */
public final class ListSource<T> implements Source<T, ListSource.Split> {
  private final List<T> elements;
  private final Class<T> type;

  public ListSource(List<T> elements, Class<T> type) {
    this.elements = List.copyOf(elements);
    this.type = type;
  }

  /** The split of one subtask: its stride and the next index. */
  public record Split(int subtask, int stride, int next) implements SourceSplit {
    @Override
    public String splitId() {
      return "split-" + subtask;
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<Split> createEnumerator(SplitEnumeratorContext<Split> ctx) {
    return subtask -> {
      ctx.assignSplit(new Split(subtask, ctx.currentParallelism(), subtask), subtask);
      ctx.signalNoMoreSplits(subtask);
    };
  }

  @Override
  public SourceReader<T, Split> createReader(SourceReaderContext ctx) {
    return new SourceReader<>() {
      private final ArrayDeque<Split> splits = new ArrayDeque<>();
      private boolean noMore;

      @Override
      public void start() {
        ctx.sendSplitRequest();
      }

      @Override
      public InputStatus pollNext(ReaderOutput<T> out) {
        Split s = splits.peek();
        if (s == null) {
          return noMore ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        int i = s.next();
        for (int n = 0; n < 100 && i < elements.size(); n++, i += s.stride()) {
          out.collect(elements.get(i), i);
        }
        splits.poll();
        if (i < elements.size()) {
          splits.addFirst(new Split(s.subtask(), s.stride(), i));
        }
        return InputStatus.MORE_AVAILABLE;
      }

      @Override
      public void addSplits(List<Split> added) {
        splits.addAll(added);
      }

      @Override
      public void notifyNoMoreSplits() {
        noMore = true;
      }
    };
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return TypeInfo.of(type);
  }
}
