package io.spry.api.connector.sink;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;

/** What a sink writer may see of its subtask. */
@Public
public interface SinkContext {
  int getSubtaskIndex();

  int getParallelism();

  /** The task's name with its subtask, e.g. {@code Sink: out (2/4)}. */
  String getTaskNameWithSubtask();

  Clock clock();
}
