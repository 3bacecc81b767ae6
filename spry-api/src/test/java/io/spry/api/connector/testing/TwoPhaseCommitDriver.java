package io.spry.api.connector.testing;

import io.spry.api.connector.sink.Committer;
import io.spry.api.connector.sink.CommittingSinkWriter;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.sink.TwoPhaseCommitSink;
import io.spry.api.connector.sink.VersionedSerializer;
import io.spry.api.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Drives a {@link TwoPhaseCommitSink} the way the runtime contract in its Javadoc says, for tests:
 * a model of the sink operator's two-phase commit across all subtasks of a job, with checkpoints
 * that are taken, completed or aborted, failures (with or without closing, as a kill would leave
 * it), and restores from the last completed checkpoint at any parallelism.
 *
 * <p>Checkpoints go through the sink's serializers as bytes, as a checkpoint store would keep them.
 * On a restore the committables are dealt round-robin to the new subtasks and every writer gets all
 * writer states; subtask by subtask, the committer commits its share and then the writer is
 * created, so one subtask's cleanup runs before another's commit.
 */
public final class TwoPhaseCommitDriver<T, C, S> {

  /** An object as a checkpoint stores it. */
  public record Stored(int version, byte[] bytes) {}

  /** One checkpoint's sink state: per subtask its pending committables, and the writer states. */
  public record Snapshot(long id, List<List<Stored>> committables, List<Stored> writerStates) {}

  private final class Subtask {
    final TestSinkContext context;
    final CommittingSinkWriter<T, C, S> writer;
    final Committer<C> committer;

    /** Pre-committed, in no snapshot yet (from the end of input). */
    final List<C> unsnapshotted = new ArrayList<>();

    /** Pre-committed and not committed, by the first checkpoint whose snapshot held them. */
    final TreeMap<Long, List<C>> snapshotted = new TreeMap<>();

    Subtask(TestSinkContext context, CommittingSinkWriter<T, C, S> writer, Committer<C> committer) {
      this.context = context;
      this.writer = writer;
      this.committer = committer;
    }

    List<C> pending() {
      List<C> all = new ArrayList<>();
      snapshotted.values().forEach(all::addAll);
      all.addAll(unsnapshotted);
      return all;
    }
  }

  private final TwoPhaseCommitSink<T, C, S> sink;
  private final Clock clock;
  private final VersionedSerializer<C> committableSerializer;
  private final VersionedSerializer<S> stateSerializer;
  private List<Subtask> subtasks = List.of();
  private long nextCheckpointId = 1;
  private final TreeMap<Long, Snapshot> taken = new TreeMap<>();
  private Snapshot lastCompleted;
  private final Random order = new Random(42);

  public TwoPhaseCommitDriver(TwoPhaseCommitSink<T, C, S> sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
    this.committableSerializer = sink.getCommittableSerializer();
    this.stateSerializer = sink.getWriterStateSerializer();
  }

  /** Opens {@code parallelism} subtasks on a fresh start. */
  public TwoPhaseCommitDriver<T, C, S> start(int parallelism) throws Exception {
    List<Subtask> opened = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      TestSinkContext context = new TestSinkContext(i, parallelism, clock);
      opened.add(
          new Subtask(
              context,
              sink.createCommittingWriter(context, List.of()),
              sink.createCommitter(context)));
    }
    subtasks = opened;
    return this;
  }

  public int parallelism() {
    return subtasks.size();
  }

  public CommittingSinkWriter<T, C, S> writer(int subtask) {
    return subtasks.get(subtask).writer;
  }

  public void write(int subtask, T record) throws Exception {
    write(subtask, record, null);
  }

  public void write(int subtask, T record, Long timestamp) throws Exception {
    subtasks.get(subtask).writer.write(record, context(timestamp));
  }

  /** Calls every writer that wants processing time. */
  public void processingTime(long nowMillis) throws Exception {
    for (Subtask s : subtasks) {
      if (s.writer.wantsProcessingTime()) {
        s.writer.onProcessingTime(nowMillis);
      }
    }
  }

  /** The barrier reaches every subtask: pre-commit and snapshot. Returns the checkpoint id. */
  public long checkpoint() throws Exception {
    long id = nextCheckpointId++;
    List<List<Stored>> committables = new ArrayList<>();
    List<Stored> states = new ArrayList<>();
    for (Subtask s : subtasks) {
      List<C> prepared = new ArrayList<>(s.unsnapshotted);
      s.unsnapshotted.clear();
      prepared.addAll(s.writer.prepareCommit(id));
      if (!prepared.isEmpty()) {
        s.snapshotted.put(id, prepared);
      }
      List<Stored> mine = new ArrayList<>();
      for (C c : s.pending()) {
        mine.add(
            new Stored(committableSerializer.getVersion(), committableSerializer.serialize(c)));
      }
      committables.add(mine);
      for (S state : s.writer.snapshotState(id)) {
        states.add(new Stored(stateSerializer.getVersion(), stateSerializer.serialize(state)));
      }
    }
    taken.put(id, new Snapshot(id, committables, states));
    return id;
  }

  /** Checkpoint {@code id} is complete: every subtask commits what snapshots up to it held. */
  public void complete(long id) throws Exception {
    Snapshot snapshot = taken.get(id);
    if (snapshot == null) {
      throw new IllegalArgumentException("no checkpoint " + id + " was taken (or it was aborted)");
    }
    if (lastCompleted == null || id > lastCompleted.id()) {
      lastCompleted = snapshot;
    }
    for (Subtask s : subtasks) {
      Map<Long, List<C>> due = s.snapshotted.headMap(id, true);
      List<C> batch = new ArrayList<>();
      due.values().forEach(batch::addAll);
      s.committer.commit(batch);
      due.clear();
    }
  }

  /**
   * Checkpoint {@code id} completed, but the notification never reached the subtasks (they fail
   * before it arrives): a restore starts from it, and nothing was committed.
   */
  public void completeWithoutNotifying(long id) {
    Snapshot snapshot = taken.get(id);
    if (snapshot == null) {
      throw new IllegalArgumentException("no checkpoint " + id + " was taken (or it was aborted)");
    }
    if (lastCompleted == null || id > lastCompleted.id()) {
      lastCompleted = snapshot;
    }
  }

  /** Checkpoint {@code id} is aborted: its committables stay pending for the next one. */
  public void abort(long id) {
    taken.remove(id);
  }

  /**
   * The end of bounded input with checkpointing: pre-commits, and keeps the committables for the
   * next (final) checkpoint, whose completion commits them.
   */
  public void finish() throws Exception {
    for (Subtask s : subtasks) {
      s.unsnapshotted.addAll(s.writer.prepareCommit(TwoPhaseCommitSink.END_OF_INPUT));
    }
  }

  /** The end of bounded input, without checkpointing after it: pre-commit and commit all. */
  public void endOfInput() throws Exception {
    for (Subtask s : subtasks) {
      s.unsnapshotted.addAll(s.writer.prepareCommit(TwoPhaseCommitSink.END_OF_INPUT));
      s.committer.commit(s.pending());
      s.snapshotted.clear();
      s.unsnapshotted.clear();
    }
  }

  /** The normal end, or a failure the runtime sees: closes writers and committers, forgets all. */
  public void close() throws Exception {
    Exception failure = null;
    for (Subtask s : subtasks) {
      try {
        s.writer.close();
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
      try {
        s.committer.close();
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
    }
    subtasks = List.of();
    if (failure != null) {
      throw failure;
    }
  }

  /** A kill: the subtasks vanish without closing anything; their files stay as they are. */
  public void crash() {
    subtasks = List.of();
  }

  public Optional<Long> lastCompletedCheckpoint() {
    return Optional.ofNullable(lastCompleted).map(Snapshot::id);
  }

  /**
   * Restores the last completed checkpoint at {@code parallelism} (a fresh start if none): per
   * subtask, commits its share of the checkpoint's committables, then creates its writer with the
   * writer states of all old subtasks. Call after {@link #close()} or {@link #crash()}.
   */
  public void restore(int parallelism) throws Exception {
    if (!subtasks.isEmpty()) {
      throw new IllegalStateException("close() or crash() first");
    }
    taken.clear();
    if (lastCompleted == null) {
      start(parallelism);
      return;
    }
    List<C> all = new ArrayList<>();
    for (List<Stored> share : lastCompleted.committables()) {
      for (Stored stored : share) {
        all.add(committableSerializer.deserialize(stored.version(), stored.bytes()));
      }
    }
    List<S> states = new ArrayList<>();
    for (Stored stored : lastCompleted.writerStates()) {
      states.add(stateSerializer.deserialize(stored.version(), stored.bytes()));
    }
    List<Integer> restoreOrder = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      restoreOrder.add(i);
    }
    Collections.shuffle(restoreOrder, order);
    List<Subtask> opened = new ArrayList<>(Collections.nCopies(parallelism, null));
    for (int i : restoreOrder) {
      TestSinkContext context = new TestSinkContext(i, parallelism, clock);
      Committer<C> committer = sink.createCommitter(context);
      List<C> share = new ArrayList<>();
      for (int k = i; k < all.size(); k += parallelism) {
        share.add(all.get(k));
      }
      committer.commit(share);
      opened.set(i, new Subtask(context, sink.createCommittingWriter(context, states), committer));
    }
    subtasks = opened;
  }

  /** What a checkpoint stored, for tests that look inside. */
  public Snapshot snapshot(long id) {
    return taken.get(id);
  }

  /** Deserializes stored committables. */
  public List<C> committables(Collection<Stored> stored) throws IOException {
    List<C> out = new ArrayList<>();
    for (Stored s : stored) {
      out.add(committableSerializer.deserialize(s.version(), s.bytes()));
    }
    return out;
  }

  private static SinkWriter.Context context(Long timestamp) {
    return new SinkWriter.Context() {
      @Override
      public Long timestamp() {
        return timestamp;
      }

      @Override
      public long currentWatermark() {
        return Long.MIN_VALUE;
      }
    };
  }
}
