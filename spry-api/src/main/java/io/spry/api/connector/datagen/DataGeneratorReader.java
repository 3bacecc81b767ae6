package io.spry.api.connector.datagen;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the records of its blocks in index order, at most {@value #MAX_RECORDS_PER_POLL} per
 * poll and, when throttled, no more than the {@link RateLimiter} allows. Never blocks.
 */
final class DataGeneratorReader<T> implements SourceReader<T, DataGeneratorSplit> {
  static final int MAX_RECORDS_PER_POLL = 1000;

  private final GeneratorFunction<T> generator;
  private final RateLimiter limiter; // null: unthrottled
  private final SourceReaderContext context;
  private final ArrayDeque<DataGeneratorSplit> pending = new ArrayDeque<>();
  private boolean noMoreSplits;
  private boolean requestOutstanding;

  private DataGeneratorSplit current; // null: none being read
  private long next;

  DataGeneratorReader(
      GeneratorFunction<T> generator, RateLimiter limiter, SourceReaderContext context) {
    this.generator = generator;
    this.limiter = limiter;
    this.context = context;
  }

  @Override
  public void start() {
    requestSplit();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    if (current == null) {
      current = pending.poll();
      if (current == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        requestSplit();
        return InputStatus.NOTHING_AVAILABLE;
      }
      next = current.next();
    }
    long budget = Math.min(MAX_RECORDS_PER_POLL, current.end() - next);
    if (limiter != null) {
      budget = limiter.permits(budget);
      if (budget == 0) {
        return InputStatus.NOTHING_AVAILABLE;
      }
    }
    long stop = next + budget;
    try {
      while (next < stop) {
        output.collect(generator.map(next));
        next++;
      }
    } finally {
      if (limiter != null) {
        limiter.consumed(budget - (stop - next));
      }
    }
    if (next == current.end()) {
      current = null;
      if (pending.isEmpty() && !noMoreSplits) {
        requestSplit();
      }
    }
    return InputStatus.MORE_AVAILABLE;
  }

  private void requestSplit() {
    if (!requestOutstanding) {
      requestOutstanding = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public void addSplits(List<DataGeneratorSplit> splits) {
    pending.addAll(splits);
    requestOutstanding = false;
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public List<DataGeneratorSplit> snapshotState(long checkpointId) {
    List<DataGeneratorSplit> state = new ArrayList<>(pending.size() + 1);
    if (current != null) {
      state.add(new DataGeneratorSplit(current.splitId(), next, current.end()));
    }
    state.addAll(pending);
    return state;
  }
}
