package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * A destination for records: one {@link SinkWriter} per subtask. (Two-phase commit for exactly-once
 * arrives with checkpoints: a writer will pre-commit at a barrier and a committer commit when the
 * checkpoint completes.)
 */
@Public
public interface Sink<T> extends Serializable {

  SinkWriter<T> createWriter(SinkContext context) throws Exception;

  /** True (the default) when writes may block: each writer then runs on a thread of its own. */
  default boolean isBlocking() {
    return true;
  }
}
