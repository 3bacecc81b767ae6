package io.spry.nexmark.flink;

import io.spry.nexmark.generator.EventSplit;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;

/**
 * Nexmark events as a parallel Flink source: subtask {@code i} of {@code n} reads the blocks {@code
 * b} of the configuration with {@code b mod n == i}, interleaved by {@link EventStream} so its
 * timestamps never decrease; the same assignment as Spry's {@code NexmarkSource}. It emits batches
 * under one acquisition of the checkpoint lock (no checkpoints run here, but the lock is the
 * contract of a legacy source).
 */
final class NexmarkSourceFunction extends RichParallelSourceFunction<Event> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 256;

  private final GeneratorConfig config;
  private volatile boolean running = true;

  NexmarkSourceFunction(GeneratorConfig config) {
    this.config = config;
  }

  @Override
  public void run(SourceContext<Event> ctx) {
    TaskInfo task = getRuntimeContext().getTaskInfo();
    int index = task.getIndexOfThisSubtask();
    int subtasks = task.getNumberOfParallelSubtasks();
    List<EventSplit> mine =
        config.splits().stream().filter(s -> s.index() % subtasks == index).toList();
    if (mine.isEmpty()) {
      return;
    }
    EventStream events = new EventStream(config, mine);
    Object lock = ctx.getCheckpointLock();
    while (running && events.hasNext()) {
      synchronized (lock) {
        for (int i = 0; i < BATCH && events.hasNext(); i++) {
          ctx.collect(events.next());
        }
      }
    }
  }

  @Override
  public void cancel() {
    running = false;
  }
}
