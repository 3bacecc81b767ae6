package io.spry.api.connector.sink;

/**
 * Adapts a {@link TwoPhaseCommitSink} to a runtime that drives only {@link SinkWriter}: every
 * {@link #flush} (at checkpoint barriers and at the end of input) pre-commits and commits at once.
 * That is at least once, like any plain sink: what a flush committed is visible even if its
 * checkpoint never completes, so a restore from an earlier one writes it again. Without flushes
 * nothing becomes visible.
 */
final class CommitOnFlushWriter<T, C> implements SinkWriter<T> {
  private final CommittingSinkWriter<T, C, ?> writer;
  private final Committer<C> committer;
  private long flushes;
  private boolean ended;

  CommitOnFlushWriter(CommittingSinkWriter<T, C, ?> writer, Committer<C> committer) {
    this.writer = writer;
    this.committer = committer;
  }

  @Override
  public void write(T element, Context context) throws Exception {
    writer.write(element, context);
  }

  @Override
  public void flush(boolean endOfInput) throws Exception {
    if (ended) {
      return;
    }
    ended = endOfInput;
    committer.commit(
        writer.prepareCommit(endOfInput ? TwoPhaseCommitSink.END_OF_INPUT : ++flushes));
  }

  @Override
  public void close() throws Exception {
    try {
      writer.close();
    } finally {
      committer.close();
    }
  }
}
