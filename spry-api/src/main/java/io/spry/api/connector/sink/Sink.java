package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * A destination for records: one {@link SinkWriter} per subtask. Such a sink writes at least once
 * with checkpoints (what was flushed before a failure is written again after the restore); for
 * exactly once, a sink implements {@link TwoPhaseCommitSink}: its writer pre-commits at a
 * checkpoint barrier and its committer commits when the checkpoint completes.
 */
@Public
public interface Sink<T> extends Serializable {

  SinkWriter<T> createWriter(SinkContext context) throws Exception;

  /** True (the default) when writes may block: each writer then runs on a thread of its own. */
  default boolean isBlocking() {
    return true;
  }
}
