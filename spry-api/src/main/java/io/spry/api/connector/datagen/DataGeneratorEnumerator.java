package io.spry.api.connector.datagen;

import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.List;

/** Hands out the blocks one per request; a reader asking when none is left is told to end. */
final class DataGeneratorEnumerator implements SplitEnumerator<DataGeneratorSplit> {
  private final SplitEnumeratorContext<DataGeneratorSplit> context;
  private final ArrayDeque<DataGeneratorSplit> remaining;

  DataGeneratorEnumerator(
      SplitEnumeratorContext<DataGeneratorSplit> context, List<DataGeneratorSplit> splits) {
    this.context = context;
    this.remaining = new ArrayDeque<>(splits);
  }

  @Override
  public void handleSplitRequest(int subtask) {
    DataGeneratorSplit next = remaining.poll();
    if (next != null) {
      context.assignSplit(next, subtask);
    } else {
      context.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public void addSplitsBack(List<DataGeneratorSplit> splits, int subtask) {
    remaining.addAll(splits);
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    return io.spry.api.connector.source.SplitCodec.write(
        remaining, List.of(), context.splitSerializer());
  }
}
