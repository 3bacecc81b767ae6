package io.spry.runtime.source;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.eventtime.TimestampAssigner;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.time.Clock;
import io.spry.runtime.operator.StreamOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The head of a source task: owns one {@link SourceReader}, stamps its records with the watermark
 * strategy's timestamps, and emits the strategy's watermarks (periodically, on the job's interval).
 *
 * <p>Split assignments arrive from the coordinator on other threads; they wait in a mailbox and
 * reach the reader on the task's own thread, before its next {@code pollNext}.
 */
public final class SourceOperator<T, S extends SourceSplit> extends StreamOperator<T>
    implements ReaderOutput<T>, WatermarkOutput {
  private final Source<T, S> source;
  private final WatermarkStrategy<T> strategy;
  private final long watermarkIntervalMillis;
  private final SourceCoordinator<S> coordinator;
  private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
  private static final Object NO_MORE_SPLITS = new Object();

  private SourceReader<T, S> reader;
  private TimestampAssigner<T> assigner;
  private WatermarkGenerator<T> generator;
  private long lastWatermark = Long.MIN_VALUE;
  private long nextPeriodic;

  public SourceOperator(
      Source<T, S> source,
      WatermarkStrategy<T> strategy,
      long watermarkIntervalMillis,
      SourceCoordinator<S> coordinator) {
    this.source = source;
    this.strategy = strategy;
    this.watermarkIntervalMillis = watermarkIntervalMillis;
    this.coordinator = coordinator;
  }

  @Override
  public void open() throws Exception {
    assigner = strategy.getTimestampAssigner();
    generator = strategy.isNoWatermarks() ? null : strategy.createWatermarkGenerator();
    Clock clock = context.clock();
    nextPeriodic = clock.millis() + watermarkIntervalMillis;
    int subtask = context.subtaskIndex();
    int parallelism = context.parallelism();
    reader =
        source.createReader(
            new SourceReaderContext() {
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
                coordinator.handleSplitRequest(subtask);
              }

              @Override
              public Clock clock() {
                return clock;
              }
            });
    drainMailbox();
    reader.start();
  }

  /** From the coordinator, any thread. */
  void addSplitsAsync(List<S> splits) {
    mailbox.add(new ArrayList<>(splits));
  }

  /** From the coordinator, any thread. */
  void noMoreSplitsAsync() {
    mailbox.add(NO_MORE_SPLITS);
  }

  @SuppressWarnings("unchecked")
  private void drainMailbox() {
    Object m;
    while ((m = mailbox.poll()) != null) {
      if (m == NO_MORE_SPLITS) {
        reader.notifyNoMoreSplits();
      } else {
        reader.addSplits((List<S>) m);
      }
    }
  }

  /** Lets the reader emit what it has; called by the task on each turn. */
  public InputStatus emitNext() throws Exception {
    if (!mailbox.isEmpty()) {
      drainMailbox();
    }
    InputStatus status = reader.pollNext(this);
    if (generator != null) {
      long now = context.clock().millis();
      if (now >= nextPeriodic) {
        generator.onPeriodicEmit(this);
        nextPeriodic = now + watermarkIntervalMillis;
      }
    }
    return status;
  }

  @Override
  public void collect(T record) {
    collect(record, Long.MIN_VALUE);
  }

  @Override
  public void collect(T record, long timestamp) {
    long ts = assigner == null ? timestamp : assigner.extractTimestamp(record, timestamp);
    output.collect(record, ts);
    if (generator != null) {
      generator.onEvent(record, ts, this);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    if (watermark > lastWatermark) {
      lastWatermark = watermark;
      setCurrentWatermark(watermark);
      output.emitWatermark(watermark);
    }
  }

  @Override
  public void markIdle() {}

  @Override
  public void markActive() {}

  /** The end of this reader's input: event time advances to the end, so every window fires. */
  public void emitFinalWatermark() {
    emitWatermark(Long.MAX_VALUE);
  }

  /** Unblocks a reader blocked in {@code pollNext}; from any thread. */
  public void wakeUp() {
    SourceReader<T, S> r = reader;
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        // the task's own close reports failures
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
  }
}
