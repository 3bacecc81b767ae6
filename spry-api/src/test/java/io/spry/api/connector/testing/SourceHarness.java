package io.spry.api.connector.testing;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a cooperative source the way the engine does, on the test's thread: one enumerator, one
 * reader per subtask, split requests answered between polls, assignments delivered on the reader's
 * "thread" between its polls.
 */
public final class SourceHarness<T, S extends SourceSplit> implements AutoCloseable {
  public final TestEnumeratorContext<S> enumeratorContext;
  public final SplitEnumerator<S> enumerator;
  private final List<SourceReader<T, S>> readers = new ArrayList<>();
  private final List<TestReaderContext> readerContexts = new ArrayList<>();
  private final List<CollectingOutput<T>> outputs = new ArrayList<>();
  private final InputStatus[] status;
  private final ArrayDeque<Integer> requests = new ArrayDeque<>();
  private final int maxRecordsPerPoll;

  public SourceHarness(Source<T, S> source, int parallelism, Clock clock) throws Exception {
    this(source, parallelism, clock, 1000);
  }

  public SourceHarness(Source<T, S> source, int parallelism, Clock clock, int maxRecordsPerPoll)
      throws Exception {
    this.maxRecordsPerPoll = maxRecordsPerPoll;
    enumeratorContext = new TestEnumeratorContext<>(parallelism, clock);
    enumerator = source.createEnumerator(enumeratorContext);
    enumerator.start();
    status = new InputStatus[parallelism];
    for (int i = 0; i < parallelism; i++) {
      int subtask = i;
      TestReaderContext ctx =
          new TestReaderContext(subtask, parallelism, clock, () -> requests.add(subtask));
      readerContexts.add(ctx);
      SourceReader<T, S> reader = source.createReader(ctx);
      readers.add(reader);
      outputs.add(new CollectingOutput<>());
      reader.start();
    }
  }

  /** Answers pending requests, delivers assignments, then polls every unfinished reader once. */
  public void step() throws Exception {
    while (!requests.isEmpty()) {
      enumerator.handleSplitRequest(requests.poll());
    }
    for (int i = 0; i < readers.size(); i++) {
      if (status[i] == InputStatus.END_OF_INPUT) {
        continue;
      }
      List<S> splits = enumeratorContext.takeAssigned(i);
      if (!splits.isEmpty()) {
        readers.get(i).addSplits(splits);
      }
      if (enumeratorContext.takeNoMore(i)) {
        readers.get(i).notifyNoMoreSplits();
      }
      CollectingOutput<T> out = outputs.get(i);
      int before = out.records.size();
      status[i] = readers.get(i).pollNext(out);
      int emitted = out.records.size() - before;
      if (emitted > maxRecordsPerPoll) {
        throw new AssertionError("Reader " + i + " emitted " + emitted + " records in one poll");
      }
    }
  }

  /** Steps until every reader reported the end of input; fails after {@code maxSteps}. */
  public List<T> runToEnd(int maxSteps) throws Exception {
    for (int n = 0; n < maxSteps; n++) {
      if (allEnded()) {
        return allOutput();
      }
      step();
    }
    if (allEnded()) {
      return allOutput();
    }
    throw new AssertionError("Source did not end within " + maxSteps + " steps");
  }

  public boolean allEnded() {
    for (InputStatus s : status) {
      if (s != InputStatus.END_OF_INPUT) {
        return false;
      }
    }
    return true;
  }

  public InputStatus status(int subtask) {
    return status[subtask];
  }

  public SourceReader<T, S> reader(int subtask) {
    return readers.get(subtask);
  }

  public TestReaderContext readerContext(int subtask) {
    return readerContexts.get(subtask);
  }

  public List<T> output(int subtask) {
    return outputs.get(subtask).records;
  }

  public List<T> allOutput() {
    List<T> all = new ArrayList<>();
    outputs.forEach(o -> all.addAll(o.records));
    return all;
  }

  @Override
  public void close() throws Exception {
    for (SourceReader<T, S> r : readers) {
      r.close();
    }
    enumerator.close();
  }
}
