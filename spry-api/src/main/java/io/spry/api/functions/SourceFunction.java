package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * The simple way to write a source: {@link #run} emits records through the context until the input
 * ends or {@link #cancel} is called. It runs on a thread of its own, so it may block; {@code
 * collect} blocks while downstream is backpressured.
 *
 * <p>A plain {@code SourceFunction} runs with parallelism 1; implement {@link
 * ParallelSourceFunction} to run one instance per subtask. For sources whose position must survive
 * a failure, implement {@link io.spry.api.connector.source.Source}.
 */
@Public
public interface SourceFunction<T> extends Function {

  void run(SourceContext<T> ctx) throws Exception;

  /** Asks {@link #run} to return soon. Called from another thread. */
  void cancel();

  /** Where a source function emits. */
  interface SourceContext<T> {
    void collect(T element);

    void collectWithTimestamp(T element, long timestamp);

    /**
     * A lock held while a record is emitted; hold it to change the function's state atomically with
     * emission. A checkpoint snapshots the function only while the function does not hold it: a
     * block of emits and state changes under the lock is in a checkpoint whole or not at all. Let
     * go of it between blocks (and while waiting for input), or checkpoints cannot be taken.
     */
    Object getCheckpointLock();
  }
}
