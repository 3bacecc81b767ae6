package io.spry.api.metrics;

import io.spry.api.annotation.Public;

/**
 * A count kept by one subtask and summed over all subtasks in the job's result. It is updated only
 * by the thread that runs the subtask.
 */
@Public
public interface Counter {
  void inc();

  void inc(long n);

  long getCount();
}
