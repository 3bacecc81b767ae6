package io.spry.api.connector.testing;

import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.time.Clock;

/** A sink writer's context for one subtask. */
public record TestSinkContext(int subtask, int parallelism, Clock clock) implements SinkContext {

  /** On the system clock. */
  public TestSinkContext(int subtask, int parallelism) {
    this(subtask, parallelism, Clock.system());
  }

  /** A write context without timestamp. */
  public static final SinkWriter.Context NO_TIMESTAMP =
      new SinkWriter.Context() {
        @Override
        public Long timestamp() {
          return null;
        }

        @Override
        public long currentWatermark() {
          return Long.MIN_VALUE;
        }
      };

  @Override
  public int getSubtaskIndex() {
    return subtask;
  }

  @Override
  public int getParallelism() {
    return parallelism;
  }

  @Override
  public String getTaskNameWithSubtask() {
    return "Sink: test (" + (subtask + 1) + "/" + parallelism + ")";
  }
}
