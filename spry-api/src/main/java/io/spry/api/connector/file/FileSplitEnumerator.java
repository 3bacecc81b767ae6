package io.spry.api.connector.file;

import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hands out one split per file, one per request, in file-name order. Bounded, a reader that asks
 * when none is left is told to end. Monitoring, it remembers who asked and rescans the path
 * periodically; files not seen before become splits and go to the waiting readers first come, first
 * served.
 */
final class FileSplitEnumerator implements SplitEnumerator<FileSplit> {
  private final SplitEnumeratorContext<FileSplit> context;
  private final Path root;
  private final long monitorIntervalMillis; // <= 0: bounded
  private final boolean nested;
  private final ArrayDeque<FileSplit> unassigned = new ArrayDeque<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<Integer> waiting = new LinkedHashSet<>();

  FileSplitEnumerator(
      SplitEnumeratorContext<FileSplit> context,
      Path root,
      long monitorIntervalMillis,
      boolean nested) {
    this.context = context;
    this.root = root;
    this.monitorIntervalMillis = monitorIntervalMillis;
    this.nested = nested;
  }

  private boolean monitoring() {
    return monitorIntervalMillis > 0;
  }

  /** Lists the path and queues a split for every file not seen before. */
  void discover() throws IOException {
    for (Path file : FileListing.list(root, nested)) {
      String path = file.toString();
      if (seen.add(path)) {
        unassigned.add(FileSplit.of(file));
      }
    }
  }

  @Override
  public void start() {
    if (monitoring()) {
      context.callPeriodically(this::discoverAndAssign, monitorIntervalMillis);
    }
  }

  private void discoverAndAssign() {
    try {
      discover();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    assignToWaiting();
  }

  private void assignToWaiting() {
    var it = waiting.iterator();
    while (it.hasNext() && !unassigned.isEmpty()) {
      int subtask = it.next();
      it.remove();
      context.assignSplit(unassigned.poll(), subtask);
    }
  }

  @Override
  public void handleSplitRequest(int subtask) {
    FileSplit next = unassigned.poll();
    if (next != null) {
      context.assignSplit(next, subtask);
    } else if (monitoring()) {
      waiting.add(subtask);
    } else {
      context.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    return io.spry.api.connector.source.SplitCodec.write(
        unassigned, seen, context.splitSerializer());
  }

  /** Restores what {@link #snapshotState} wrote: files not assigned yet, and every file seen. */
  void restore(byte[] state) throws IOException {
    var s = io.spry.api.connector.source.SplitCodec.read(state, context.splitSerializer());
    unassigned.addAll(s.splits());
    seen.addAll(s.strings());
  }

  @Override
  public void addSplitsBack(List<FileSplit> splits, int subtask) {
    unassigned.addAll(splits);
    assignToWaiting();
  }
}
