package io.spry.api.connector.testing;

import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.time.Clock;

/** A reader's context that counts its split requests and passes them on. */
public final class TestReaderContext implements SourceReaderContext {
  private final int subtask;
  private final int parallelism;
  private final Clock clock;
  private final Runnable onRequest;
  private int requests;

  public TestReaderContext(int subtask, int parallelism, Clock clock, Runnable onRequest) {
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.clock = clock;
    this.onRequest = onRequest;
  }

  /** A context whose requests go nowhere: the test feeds splits by hand. */
  public TestReaderContext(int subtask, int parallelism, Clock clock) {
    this(subtask, parallelism, clock, () -> {});
  }

  @Override
  public int getIndexOfSubtask() {
    return subtask;
  }

  @Override
  public int getParallelism() {
    return parallelism;
  }

  @Override
  public void sendSplitRequest() {
    requests++;
    onRequest.run();
  }

  public int requests() {
    return requests;
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
