package io.spry.api.connector.collection;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The split bookkeeping shared by the readers of this package: a queue of assigned splits read one
 * after the other, one outstanding split request at a time, and the end of input once the queue is
 * empty and the enumerator said no more will come. Subclasses read the current split.
 *
 * <p>Each split has an output of its own ({@link ReaderOutput#createOutputForSplit}) from the
 * moment it is assigned until it is read to its end: the source's watermark is the minimum over
 * them, so a split read first (a reader holds several after a restore at a lower parallelism) does
 * not make the records of a split read later late.
 *
 * <p>Not thread-safe: the engine calls a reader from one thread.
 */
abstract class SplitQueueReader<T, S extends SourceSplit> implements SourceReader<T, S> {
  /** The most records one {@code pollNext} emits, so a cooperative worker is not held long. */
  static final int MAX_RECORDS_PER_POLL = 1000;

  private final SourceReaderContext context;
  private final ArrayDeque<S> pending = new ArrayDeque<>();
  private final List<S> unregistered = new ArrayList<>();
  private String currentId;
  private SourceOutput<T> currentOutput;
  private boolean reading;
  private boolean noMoreSplits;
  private boolean requestOutstanding;

  SplitQueueReader(SourceReaderContext context) {
    this.context = context;
  }

  /** Makes {@code split} the current one, positioned where the split says. */
  abstract void open(S split);

  /**
   * Emits up to {@code max} records of the current split.
   *
   * @return true when the current split is exhausted
   */
  abstract boolean emit(SourceOutput<T> output, int max);

  /** The current split with its current position; called only while a split is being read. */
  abstract S currentPosition();

  @Override
  public void start() {
    requestSplit();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    if (!unregistered.isEmpty()) {
      for (S s : unregistered) {
        output.createOutputForSplit(s.splitId());
      }
      unregistered.clear();
    }
    if (!reading) {
      S next = pending.poll();
      if (next == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        requestSplit();
        return InputStatus.NOTHING_AVAILABLE;
      }
      open(next);
      currentId = next.splitId();
      currentOutput = output.createOutputForSplit(currentId);
      reading = true;
    }
    if (emit(currentOutput, MAX_RECORDS_PER_POLL)) {
      output.releaseOutputForSplit(currentId);
      currentOutput = null;
      reading = false;
      if (pending.isEmpty() && !noMoreSplits) {
        requestSplit();
      }
    }
    // Records may have been emitted: report the end of input on the next call.
    return InputStatus.MORE_AVAILABLE;
  }

  private void requestSplit() {
    if (!requestOutstanding) {
      requestOutstanding = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public void addSplits(List<S> splits) {
    pending.addAll(splits);
    unregistered.addAll(splits);
    requestOutstanding = false;
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public List<S> snapshotState(long checkpointId) {
    List<S> state = new ArrayList<>(pending.size() + 1);
    if (reading) {
      state.add(currentPosition());
    }
    state.addAll(pending);
    return state;
  }
}
