package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;

/** What an enumerator may do: assign splits and schedule periodic work. */
@Public
public interface SplitEnumeratorContext<S extends SourceSplit> {
  int currentParallelism();

  void assignSplit(S split, int subtask);

  /** Tells a reader that no more splits will come. */
  void signalNoMoreSplits(int subtask);

  /**
   * Runs {@code action} every {@code periodMillis} on the coordinator's thread (split discovery,
   * say) until the job ends. Exceptions it throws fail the job.
   */
  void callPeriodically(Runnable action, long periodMillis);

  Clock clock();

  /** The source's split serializer ({@link Source#getSplitSerializer()}), for enumerator state. */
  @SuppressWarnings("unchecked")
  default io.spry.api.types.TypeSerializer<S> splitSerializer() {
    return (io.spry.api.types.TypeSerializer<S>)
        new io.spry.api.types.DynamicTypeInfo<>(SourceSplit.class).createSerializer();
  }
}
