package io.spry.api.connector.sink;

/**
 * Adapts a {@link TwoPhaseCommitSink} to a runtime that drives only {@link SinkWriter}: pre-commits
 * and commits everything at the end of input. Without an end of input nothing becomes visible.
 */
final class CommitAtEndOfInputWriter<T, C> implements SinkWriter<T> {
  private final CommittingSinkWriter<T, C, ?> writer;
  private final Committer<C> committer;
  private boolean committed;

  CommitAtEndOfInputWriter(CommittingSinkWriter<T, C, ?> writer, Committer<C> committer) {
    this.writer = writer;
    this.committer = committer;
  }

  @Override
  public void write(T element, Context context) throws Exception {
    writer.write(element, context);
  }

  @Override
  public void flush(boolean endOfInput) throws Exception {
    if (endOfInput && !committed) {
      committed = true;
      committer.commit(writer.prepareCommit(TwoPhaseCommitSink.END_OF_INPUT));
    }
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
