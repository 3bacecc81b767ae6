package io.spry.runtime.source;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SourceSplit;
import io.spry.api.eventtime.TimestampAssigner;
import io.spry.api.eventtime.WatermarkGenerator;
import io.spry.api.eventtime.WatermarkOutput;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.metrics.Counter;
import io.spry.api.time.Clock;
import io.spry.runtime.exchange.RecordSummary;
import io.spry.runtime.operator.RecordFailureHandler;
import io.spry.runtime.operator.StreamOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The head of a source task: owns one {@link SourceReader}, stamps its records with the watermark
 * strategy's timestamps, and turns the strategy's watermarks into the source's watermark.
 *
 * <h2>Watermarks</h2>
 *
 * Records emitted directly on the reader output share one generator; records of a split emitted
 * through {@link #createOutputForSplit} get a generator of their own. Generators emit periodically
 * (the job's watermark interval, on the job's clock, or sooner after the job's {@code
 * autoWatermarkRecords} records, checked after each poll of the reader). The source's watermark is
 * the minimum over the outputs in use that are not idle, and it never goes back; a reader that has
 * emitted nothing counts as one output, so without records it holds event time back until it goes
 * idle. An output is idle when its generator says so or, with {@code withIdleness(timeout)}, when
 * it saw no record for that long; when every output in use is idle the source tells downstream it
 * is idle, and it is active again with its next record. At the end of input the watermark jumps to
 * the maximum.
 *
 * <h2>Watermark alignment</h2>
 *
 * With {@code withWatermarkAlignment(group, maxDrift)}, the subtask publishes its watermark to the
 * job's {@link WatermarkAlignmentGroup} of that name whenever it moves, and before each poll of the
 * reader compares it with the group's lowest: further ahead than {@code maxDrift}, it does not poll
 * (the task reports no progress, so its worker runs other tasks or parks) until the lowest catches
 * up. Checkpoint triggers and split assignments are still taken while it waits, and the wait does
 * not count towards idleness. An idle or finished subtask withdraws from the group.
 *
 * <h2>Threads</h2>
 *
 * Split assignments arrive from the coordinator on other threads; they wait in a mailbox and reach
 * the reader on the task's own thread, before its next {@code pollNext}.
 */
public final class SourceOperator<T, S extends SourceSplit> extends StreamOperator<T>
    implements ReaderOutput<T> {
  private static final Object NO_MORE_SPLITS = new Object();

  private final Source<T, S> source;
  private final WatermarkStrategy<T> strategy;
  private final long watermarkIntervalMillis;
  private final SourceCoordinator<S> coordinator;
  private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
  private final Map<String, SplitOutput> splitOutputs = new LinkedHashMap<>();

  /** Read by {@link #wakeUp()} from other threads. */
  private volatile SourceReader<T, S> reader;

  private final java.util.concurrent.atomic.AtomicBoolean readerClosed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private Clock clock;
  private TimestampAssigner<T> assigner;
  private boolean generatesWatermarks;
  private long idleTimeoutMillis;
  private SplitOutput main;
  private long lastWatermark = Long.MIN_VALUE;
  private boolean idle;
  private long nextPeriodic;
  private RecordFailureHandler failures = RecordFailureHandler.failing();

  /** The job's alignment group of this source's strategy, or null when it reads freely. */
  private WatermarkAlignmentGroup alignment;

  private int alignmentSlot;
  private long maxDriftMillis;

  /** The counter {@value #ALIGNMENT_WAITS}, when aligned. */
  private Counter alignmentWaits;

  /** The counter {@value #ALIGNMENT_WAIT_MILLIS}, when aligned. */
  private Counter alignmentWaitMillis;

  /** The job counter of the times a source subtask stopped to wait for its alignment group. */
  public static final String ALIGNMENT_WAITS = "numWatermarkAlignmentWaits";

  /** The job counter of the milliseconds source subtasks waited for their alignment groups. */
  public static final String ALIGNMENT_WAIT_MILLIS = "watermarkAlignmentWaitMillis";

  /** When the current wait for the alignment group began (the job's clock), or -1. */
  private long waitingSince = -1;

  /** Periodic watermarks also go out after this many records (JobConfig.autoWatermarkRecords). */
  private final long watermarkEveryRecords;

  private long recordsSincePeriodic;

  /**
   * @param watermarkEveryRecords periodic watermarks also go out once this many records passed
   *     since the last ones; 0 for the interval only
   */
  public SourceOperator(
      Source<T, S> source,
      WatermarkStrategy<T> strategy,
      long watermarkIntervalMillis,
      long watermarkEveryRecords,
      SourceCoordinator<S> coordinator) {
    this.source = source;
    this.strategy = strategy;
    this.watermarkIntervalMillis = watermarkIntervalMillis;
    this.watermarkEveryRecords = watermarkEveryRecords > 0 ? watermarkEveryRecords : Long.MAX_VALUE;
    this.coordinator = coordinator;
  }

  /**
   * Sets what happens to records the reader reports as bad and to records the timestamp assigner
   * throws on (the error policy); before {@link #open()}. The default fails.
   */
  @Override
  public void setRecordFailureHandler(RecordFailureHandler failures) {
    super.setRecordFailureHandler(failures);
    this.failures = failures;
  }

  /**
   * Joins the job's alignment group named by the strategy's {@code withWatermarkAlignment}; before
   * {@link #open()}. Without it, an aligned strategy aligns the subtask with nothing.
   */
  public void setAlignmentGroup(WatermarkAlignmentGroup group) {
    if (strategy.getAlignment() == null) {
      throw new IllegalStateException("The watermark strategy of this source has no alignment");
    }
    this.alignment = group;
    this.alignmentSlot = group.join();
    this.maxDriftMillis = strategy.getAlignment().maxDriftMillis();
  }

  @Override
  public void open() throws Exception {
    clock = context.clock();
    if (alignment != null) {
      alignmentWaits = context.counters().counter(ALIGNMENT_WAITS);
      alignmentWaitMillis = context.counters().counter(ALIGNMENT_WAIT_MILLIS);
    }
    assigner = strategy.getTimestampAssigner();
    generatesWatermarks = !strategy.isNoWatermarks();
    idleTimeoutMillis =
        strategy.getIdleTimeout() == null ? Long.MAX_VALUE : strategy.getIdleTimeout().toMillis();
    main = new SplitOutput();
    nextPeriodic = clock.millis() + watermarkIntervalMillis;
    int subtask = context.subtaskIndex();
    int parallelism = context.parallelism();
    Clock c = clock;
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
                return c;
              }

              @Override
              public <E extends Exception> void reportBadRecord(Object rawRecord, E error) {
                onBadRecord(rawRecord, error);
              }
            });
    if (!restoredSplits.isEmpty()) {
      io.spry.api.types.TypeSerializer<S> ser = source.getSplitSerializer();
      List<S> splits = new ArrayList<>();
      for (byte[] b : restoredSplits) {
        splits.add(ser.deserialize(new io.spry.api.types.MemoryDataInput(b)));
      }
      reader.addSplits(splits);
      restoredSplits = List.of();
    }
    drainMailbox();
    reader.start();
  }

  private void onBadRecord(Object rawRecord, Exception error) {
    if (error == null) {
      throw new IllegalArgumentException(
          "reportBadRecord(" + RecordSummary.of(rawRecord) + ", null): give the error");
    }
    failures.onRecord();
    failures.onFailure(
        this,
        rawRecord,
        Long.MIN_VALUE,
        0,
        () -> "on raw record " + RecordSummary.of(rawRecord),
        error);
  }

  /** From the coordinator, any thread. */
  void addSplitsAsync(List<S> splits) {
    mailbox.add(new ArrayList<>(splits));
  }

  /** From the coordinator, any thread. */
  void noMoreSplitsAsync() {
    mailbox.add(NO_MORE_SPLITS);
  }

  /** From the coordinator, any thread: a checkpoint, in order with the split assignments. */
  void triggerCheckpointAsync(io.spry.runtime.exchange.CheckpointBarrier barrier) {
    mailbox.add(barrier);
  }

  /**
   * The checkpoint the coordinator triggered, if its turn has come: assignments queued before it
   * have reached the reader, those after it have not.
   */
  public io.spry.runtime.exchange.CheckpointBarrier takeTrigger() {
    if (pendingTrigger == null && !mailbox.isEmpty()) {
      drainMailbox();
    }
    io.spry.runtime.exchange.CheckpointBarrier b = pendingTrigger;
    pendingTrigger = null;
    return b;
  }

  private io.spry.runtime.exchange.CheckpointBarrier pendingTrigger;
  private java.util.List<byte[]> restoredSplits = java.util.List.of();
  private static final String SPLITS = "_source_splits";

  @Override
  public void initializeState(io.spry.runtime.checkpoint.RestoredState restored, boolean isRestored)
      throws Exception {
    super.initializeState(restored, isRestored);
    restoredSplits = restored.list(SPLITS);
  }

  @Override
  public void snapshotState(
      io.spry.runtime.checkpoint.SubtaskState out, long checkpointId, long timestamp)
      throws Exception {
    io.spry.api.types.TypeSerializer<S> ser = source.getSplitSerializer();
    java.util.List<byte[]> splits = new ArrayList<>();
    io.spry.api.types.MemoryDataOutput buf = new io.spry.api.types.MemoryDataOutput(64);
    for (S split : reader.snapshotState(checkpointId)) {
      buf.reset();
      ser.serialize(split, buf);
      splits.add(buf.toByteArray());
    }
    out.putList(SPLITS, io.spry.runtime.checkpoint.SubtaskState.ListMode.SPLIT, splits);
    super.snapshotState(out, checkpointId, timestamp);
  }

  @SuppressWarnings("unchecked")
  private void drainMailbox() {
    Object m;
    while (pendingTrigger == null && (m = mailbox.poll()) != null) {
      if (m instanceof io.spry.runtime.exchange.CheckpointBarrier b) {
        pendingTrigger = b;
      } else if (m == NO_MORE_SPLITS) {
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
    if (pendingTrigger != null) {
      return InputStatus.MORE_AVAILABLE; // the task snapshots before the reader reads on
    }
    if (alignment != null) {
      if (aheadOfGroup()) {
        if (waitingSince < 0) {
          waitingSince = clock.millis();
          alignmentWaits.inc();
        }
        return InputStatus.NOTHING_AVAILABLE; // no poll, no periodic watermarks: nothing changed
      }
      if (waitingSince >= 0) {
        endWait();
      }
    }
    InputStatus status = reader.pollNext(this);
    if (generatesWatermarks) {
      long now = clock.millis();
      if (now >= nextPeriodic || recordsSincePeriodic >= watermarkEveryRecords) {
        onPeriodic(now);
        nextPeriodic = now + watermarkIntervalMillis;
        recordsSincePeriodic = 0;
      }
    }
    return status;
  }

  // ---- ReaderOutput ----

  @Override
  public void collect(T record) {
    main.collect(record, Long.MIN_VALUE);
  }

  @Override
  public void collect(T record, long timestamp) {
    main.collect(record, timestamp);
  }

  @Override
  public SourceOutput<T> createOutputForSplit(String splitId) {
    return splitOutputs.computeIfAbsent(splitId, id -> new SplitOutput());
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    splitOutputs.remove(splitId);
  }

  // ---- watermarks ----

  /**
   * Whether this subtask's watermark is more than the maximum drift ahead of its group's lowest.
   */
  private boolean aheadOfGroup() {
    if (idle || lastWatermark == Long.MIN_VALUE || lastWatermark == Long.MAX_VALUE) {
      return false; // not taking part, or at the end of event time: nothing left to hold back
    }
    long lowest = alignment.lowest();
    // lowest <= lastWatermark unless it is ABSENT; the difference of two longs fits unsigned
    return lowest < lastWatermark
        && Long.compareUnsigned(lastWatermark - lowest, maxDriftMillis) > 0;
  }

  /**
   * The subtask reads again after waiting for its alignment group: the wait does not count as
   * idleness, so every output's last activity moves on by the time waited.
   */
  private void endWait() {
    long waited = clock.millis() - waitingSince;
    waitingSince = -1;
    if (waited > 0) {
      alignmentWaitMillis.inc(waited);
      main.lastActiveMillis += waited;
      for (SplitOutput o : splitOutputs.values()) {
        o.lastActiveMillis += waited;
      }
    }
  }

  private void onPeriodic(long now) {
    main.periodic(now);
    for (SplitOutput o : splitOutputs.values()) {
      o.periodic(now);
    }
    combine();
  }

  /** Emits the minimum over the outputs in use that are not idle, or IDLE when all are idle. */
  private void combine() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    boolean active = false;
    // The reader's own output takes part once used, or while there are no split outputs: a reader
    // that emits nothing (no splits yet, or none at all) then goes idle after the timeout.
    if (main.used || splitOutputs.isEmpty()) {
      any = true;
      if (!main.isIdle()) {
        active = true;
        min = main.watermark;
      }
    }
    for (SplitOutput o : splitOutputs.values()) {
      any = true;
      if (!o.isIdle()) {
        active = true;
        min = Math.min(min, o.watermark);
      }
    }
    if (any && !active) {
      setIdle(true);
      return;
    }
    if (active) {
      setIdle(false);
    }
    if (active && min > lastWatermark) {
      lastWatermark = min;
      setCurrentWatermark(min);
      output.emitWatermark(min);
      if (alignment != null) {
        alignment.publish(alignmentSlot, min);
      }
    }
  }

  private void setIdle(boolean nowIdle) {
    if (nowIdle != idle) {
      idle = nowIdle;
      output.emitWatermarkStatus(nowIdle);
      if (alignment != null) {
        if (nowIdle || lastWatermark == Long.MIN_VALUE) {
          alignment.withdraw(alignmentSlot);
        } else {
          alignment.publish(alignmentSlot, lastWatermark);
        }
      }
    }
  }

  /** The end of this reader's input: event time advances to the end, so every window fires. */
  public void emitFinalWatermark() {
    setIdle(false);
    if (lastWatermark < Long.MAX_VALUE) {
      lastWatermark = Long.MAX_VALUE;
      setCurrentWatermark(Long.MAX_VALUE);
      output.emitWatermark(Long.MAX_VALUE);
    }
    if (alignment != null) {
      alignment.withdraw(alignmentSlot); // finished: holds nobody back
    }
  }

  /** Unblocks a reader blocked in {@code pollNext} by closing it; from any thread. */
  public void wakeUp() {
    SourceReader<T, S> r = reader;
    if (r != null && readerClosed.compareAndSet(false, true)) {
      try {
        r.close();
      } catch (Exception e) {
        // the reader is being torn down because the job stops; nothing to report
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (alignment != null) {
      if (waitingSince >= 0 && main != null) {
        endWait(); // the wait so far counts in the counters
      }
      alignment.withdraw(alignmentSlot);
    }
    SourceReader<T, S> r = reader;
    if (r != null && readerClosed.compareAndSet(false, true)) {
      r.close();
    }
  }

  /** The records and watermarks of the reader (main) or of one split. */
  private final class SplitOutput implements SourceOutput<T>, WatermarkOutput {
    private final WatermarkGenerator<T> generator =
        generatesWatermarks ? strategy.createWatermarkGenerator() : null;
    long watermark = Long.MIN_VALUE;
    boolean used;
    private boolean idleByGenerator;
    private boolean inPeriodic;
    private boolean idleByTimeout;
    private long recordsSincePeriodic;
    long lastActiveMillis = clock.millis();

    @Override
    public void collect(T record) {
      collect(record, Long.MIN_VALUE);
    }

    @Override
    public void collect(T record, long timestamp) {
      failures.onRecord();
      long ts;
      if (strategy.isIngestionTime()) {
        ts = clock.millis();
      } else if (assigner == null) {
        ts = timestamp;
      } else {
        try {
          ts = assigner.extractTimestamp(record, timestamp);
        } catch (RuntimeException e) {
          // fails, or makes the record a dead letter and skips it
          failures.onFailure(
              SourceOperator.this,
              record,
              timestamp,
              1,
              () -> "on record " + RecordSummary.of(record) + " (extracting its timestamp)",
              e);
          return;
        }
      }
      used = true;
      if (idle || idleByTimeout) {
        idleByTimeout = false;
        setIdle(false);
      }
      recordsSincePeriodic++;
      SourceOperator.this.recordsSincePeriodic++;
      output.collect(record, ts);
      if (generator != null) {
        generator.onEvent(record, ts, this);
      }
    }

    void periodic(long now) {
      if (generator == null) {
        return;
      }
      inPeriodic = true;
      try {
        generator.onPeriodicEmit(this);
      } finally {
        inPeriodic = false;
      }
      if (recordsSincePeriodic > 0) {
        recordsSincePeriodic = 0;
        lastActiveMillis = now;
      } else if (now - lastActiveMillis >= idleTimeoutMillis) {
        idleByTimeout = true;
      }
    }

    boolean isIdle() {
      return idleByGenerator || idleByTimeout;
    }

    @Override
    public void emitWatermark(long wm) {
      idleByGenerator = false;
      if (wm > watermark) {
        watermark = wm;
        if (!inPeriodic) {
          combine(); // a punctuated generator's watermark goes out at once
        }
      }
    }

    @Override
    public void markIdle() {
      idleByGenerator = true;
    }

    @Override
    public void markActive() {
      idleByGenerator = false;
    }
  }
}
