package io.spry.api.connector.datagen;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Generates the records of its blocks in index order, at most {@value #MAX_RECORDS_PER_POLL} per
 * poll and, when throttled, no more than the {@link RateLimiter} allows. Never blocks.
 *
 * <p>A reader may hold several blocks (after a restore at a lower parallelism, or when blocks
 * outnumber readers). It reads them one after another, the one with the lowest next index first,
 * and each block has an output of its own ({@link ReaderOutput#createOutputForSplit}) from the
 * moment it is assigned until it is read to its end: so the reader's watermark is the minimum over
 * its blocks, and a block read first does not make the records of a block read later late.
 */
final class DataGeneratorReader<T> implements SourceReader<T, DataGeneratorSplit> {
  static final int MAX_RECORDS_PER_POLL = 1000;

  private final GeneratorFunction<T> generator;
  private final RateLimiter limiter; // null: unthrottled
  private final SourceReaderContext context;
  private final PriorityQueue<DataGeneratorSplit> pending =
      new PriorityQueue<>(Comparator.comparingLong(DataGeneratorSplit::next));

  /** Splits assigned since the last poll, whose outputs are still to be created. */
  private final List<DataGeneratorSplit> unregistered = new ArrayList<>();

  private SourceOutput<T> currentOutput;
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
    if (!unregistered.isEmpty()) {
      for (DataGeneratorSplit s : unregistered) {
        output.createOutputForSplit(s.splitId());
      }
      unregistered.clear();
    }
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
      currentOutput = output.createOutputForSplit(current.splitId());
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
        currentOutput.collect(generator.map(next));
        next++;
      }
    } finally {
      if (limiter != null) {
        limiter.consumed(budget - (stop - next));
      }
    }
    if (next == current.end()) {
      output.releaseOutputForSplit(current.splitId());
      current = null;
      currentOutput = null;
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
    unregistered.addAll(splits);
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
