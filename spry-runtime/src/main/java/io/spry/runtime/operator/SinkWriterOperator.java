package io.spry.runtime.operator;

import io.spry.api.connector.sink.Committer;
import io.spry.api.connector.sink.CommittingSinkWriter;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.sink.TwoPhaseCommitSink;
import io.spry.api.connector.sink.VersionedSerializer;
import io.spry.api.time.Clock;
import io.spry.runtime.checkpoint.RestoredState;
import io.spry.runtime.checkpoint.SubtaskState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes records through a {@link Sink}'s writer.
 *
 * <p>A plain sink is flushed at each checkpoint (at least once) and at the end of input. A {@link
 * TwoPhaseCommitSink} in a job with checkpoints commits exactly once: at a barrier the writer
 * pre-commits what it wrote since the last one, and the committables and the writer's state go into
 * the checkpoint; when the checkpoint completes they are committed. A restore first commits again
 * what the restored checkpoint holds (commits are idempotent), so nothing pre-committed in a
 * completed checkpoint is lost, and nothing written after it becomes visible. At the end of input
 * the last committables wait for the final checkpoint (the task waits for it too). Without
 * checkpoints a two-phase-commit sink commits at every flush (at least once).
 */
public final class SinkWriterOperator<T> extends StreamOperator<Object>
    implements OneInputOperator<T>, SinkWriter.Context {
  private static final String COMMITTABLES = "_committables";
  private static final String WRITER_STATE = "_writer_state";

  private final Sink<T> sink;
  private SinkWriter<T> writer;
  private long timestamp;

  /** Whether the job takes checkpoints: only then does a 2PC sink commit per checkpoint. */
  private boolean checkpointing;

  private TwoPhaseCommitSink<T, Object, Object> twoPhase;
  private CommittingSinkWriter<T, Object, Object> committing;
  private Committer<Object> committer;
  private List<Object> restoredWriterStates = List.of();

  /** Pre-committed, not yet committed: by the checkpoint that holds them. */
  private final TreeMap<Long, List<Object>> pending = new TreeMap<>();

  /** Pre-committed at the end of input: they go with the next (final) checkpoint. */
  private List<Object> finalCommittables = List.of();

  public SinkWriterOperator(Sink<T> sink) {
    this.sink = sink;
  }

  /** Called by the deployment before the task starts. */
  @SuppressWarnings("unchecked")
  public void setCheckpointing(boolean checkpointing) {
    this.checkpointing = checkpointing;
    if (checkpointing && sink instanceof TwoPhaseCommitSink<?, ?, ?> s) {
      twoPhase = (TwoPhaseCommitSink<T, Object, Object>) s;
    }
  }

  private SinkContext sinkContext() {
    OperatorContext c = context;
    return new SinkContext() {
      @Override
      public int getSubtaskIndex() {
        return c.subtaskIndex();
      }

      @Override
      public int getParallelism() {
        return c.parallelism();
      }

      @Override
      public String getTaskNameWithSubtask() {
        return c.taskName();
      }

      @Override
      public Clock clock() {
        return c.clock();
      }
    };
  }

  @Override
  public void initializeState(RestoredState restored, boolean isRestored) throws Exception {
    super.initializeState(restored, isRestored);
    if (twoPhase == null) {
      return;
    }
    committer = twoPhase.createCommitter(sinkContext());
    VersionedSerializer<Object> cs = twoPhase.getCommittableSerializer();
    List<Object> committables = new ArrayList<>();
    for (byte[] b : restored.list(COMMITTABLES)) {
      committables.add(VersionedSerializer.readWithVersion(cs, b));
    }
    if (!committables.isEmpty()) {
      // pre-committed in a completed checkpoint: commit (again; commits are idempotent)
      committer.commit(committables);
    }
    VersionedSerializer<Object> ws = twoPhase.getWriterStateSerializer();
    List<Object> states = new ArrayList<>();
    for (byte[] b : restored.list(WRITER_STATE)) {
      states.add(VersionedSerializer.readWithVersion(ws, b));
    }
    restoredWriterStates = states;
  }

  @Override
  public void open() throws Exception {
    if (twoPhase != null) {
      committing = twoPhase.createCommittingWriter(sinkContext(), restoredWriterStates);
      restoredWriterStates = List.of();
      writer = committing;
      if (committer == null) {
        committer = twoPhase.createCommitter(sinkContext());
      }
    } else {
      writer = sink.createWriter(sinkContext());
    }
  }

  @Override
  public void processElement(T value, long ts) throws Exception {
    timestamp = ts;
    writer.write(value, this);
  }

  @Override
  public void processWatermark(long watermark) {
    setCurrentWatermark(watermark);
  }

  @Override
  public boolean wantsProcessingTimeTicks() {
    // asked before the writer exists; a 2PC writer may roll its files on processing time
    return twoPhase != null;
  }

  @Override
  public void onProcessingTime(long nowMillis) throws Exception {
    if (committing != null && committing.wantsProcessingTime()) {
      committing.onProcessingTime(nowMillis);
    }
  }

  @Override
  public void snapshotState(SubtaskState out, long checkpointId, long timestamp) throws Exception {
    if (committing == null) {
      // a plain sink: what was written is made durable (at least once)
      writer.flush(false);
    } else {
      List<Object> now = new ArrayList<>(finalCommittables);
      finalCommittables = List.of();
      now.addAll(committing.prepareCommit(checkpointId));
      pending.put(checkpointId, now);
      VersionedSerializer<Object> cs = twoPhase.getCommittableSerializer();
      List<byte[]> all = new ArrayList<>();
      for (List<Object> cs2 : pending.values()) {
        for (Object c : cs2) {
          all.add(VersionedSerializer.writeWithVersion(cs, c));
        }
      }
      out.putList(COMMITTABLES, SubtaskState.ListMode.SPLIT, all);
      VersionedSerializer<Object> ws = twoPhase.getWriterStateSerializer();
      List<byte[]> states = new ArrayList<>();
      for (Object s : committing.snapshotState(checkpointId)) {
        states.add(VersionedSerializer.writeWithVersion(ws, s));
      }
      out.putList(WRITER_STATE, SubtaskState.ListMode.UNION, states);
    }
    super.snapshotState(out, checkpointId, timestamp);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (committer == null || pending.isEmpty()) {
      return;
    }
    Map<Long, List<Object>> done = pending.headMap(checkpointId, true);
    List<Object> toCommit = new ArrayList<>();
    for (Collection<Object> cs : done.values()) {
      toCommit.addAll(cs);
    }
    if (!toCommit.isEmpty()) {
      committer.commit(toCommit);
    }
    done.clear();
  }

  @Override
  public void finish() throws Exception {
    if (committing != null) {
      // committed with the final checkpoint, which the task waits for
      finalCommittables =
          new ArrayList<>(committing.prepareCommit(TwoPhaseCommitSink.END_OF_INPUT));
    } else {
      writer.flush(true);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (committer != null) {
        committer.close();
      }
    }
  }

  @Override
  public Long timestamp() {
    return timestamp == Long.MIN_VALUE ? null : timestamp;
  }
}
