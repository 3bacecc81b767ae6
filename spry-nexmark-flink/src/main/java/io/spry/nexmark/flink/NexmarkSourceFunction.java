package io.spry.nexmark.flink;

import io.spry.nexmark.generator.EventSplit;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.model.Event;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;

/**
 * Nexmark events as a parallel Flink source: subtask {@code i} of {@code n} reads the blocks {@code
 * b} of the configuration with {@code b mod n == i}, interleaved by {@link EventStream} so its
 * timestamps never decrease; the same assignment as Spry's {@code NexmarkSource}. It emits batches
 * under one acquisition of the checkpoint lock (no checkpoints run here, but the lock is the
 * contract of a legacy source).
 *
 * <p>Paced (a latency run): emits each event when the {@link WallClock} reaches its timestamp,
 * sleeping until then, like Spry's paced {@code NexmarkSource}; a batch holds only events that are
 * due. It tells the {@link LatencyRun} when it emitted its last event.
 */
final class NexmarkSourceFunction extends RichParallelSourceFunction<Event> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 256;

  private final GeneratorConfig config;
  private final String latencyRunId; // null: unpaced
  private volatile boolean running = true;

  NexmarkSourceFunction(GeneratorConfig config) {
    this(config, null);
  }

  NexmarkSourceFunction(GeneratorConfig config, String latencyRunId) {
    this.config = config;
    this.latencyRunId = latencyRunId;
  }

  @Override
  public void run(SourceContext<Event> ctx) {
    TaskInfo task = getRuntimeContext().getTaskInfo();
    int index = task.getIndexOfThisSubtask();
    int subtasks = task.getNumberOfParallelSubtasks();
    List<EventSplit> mine =
        config.splits().stream().filter(s -> s.index() % subtasks == index).toList();
    EventStream events = new EventStream(config, mine);
    if (latencyRunId != null) {
      runPaced(ctx, events);
      return;
    }
    Object lock = ctx.getCheckpointLock();
    while (running && events.hasNext()) {
      synchronized (lock) {
        for (int i = 0; i < BATCH && events.hasNext(); i++) {
          ctx.collect(events.next());
        }
      }
    }
  }

  private void runPaced(SourceContext<Event> ctx, EventStream events) {
    Object lock = ctx.getCheckpointLock();
    while (running && events.hasNext()) {
      long due = events.nextTimestamp();
      long wait;
      while (running && (wait = due * 1_000_000L - WallClock.epochNanos()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long now = WallClock.epochMillis();
      synchronized (lock) {
        for (int i = 0; i < BATCH && events.hasNext() && events.nextTimestamp() <= now; i++) {
          ctx.collect(events.next());
        }
      }
    }
    LatencyRun.get(latencyRunId).sourceEnded(WallClock.epochNanos());
  }

  @Override
  public void cancel() {
    running = false;
  }
}
