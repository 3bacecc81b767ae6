package io.spry.runtime.checkpoint;

import io.spry.api.checkpoint.CheckpointConfig;
import io.spry.api.checkpoint.CheckpointStats;
import io.spry.api.time.Clock;
import io.spry.runtime.exchange.CheckpointBarrier;
import io.spry.runtime.source.SourceCoordinator;
import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.runtime.task.ChainTasklet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers a job's checkpoints and completes them.
 *
 * <ol>
 *   <li>Trigger (timer thread): each source's enumerator is snapshotted and the trigger is queued
 *       behind the split assignments of its readers; every task gets the trigger in its inbox (a
 *       task whose inputs have all ended snapshots on it, no barrier will reach it).
 *   <li>Each task takes its snapshot on its own thread and acknowledges; the states are serialized
 *       and written to files, each with its checksum, on the I/O thread.
 *   <li>When every task and enumerator is in, the manifest is written atomically, older checkpoints
 *       beyond those retained are deleted, and every task is told the checkpoint is complete (sinks
 *       commit).
 * </ol>
 *
 * A timeout, a failed write, or the end of a run aborts the pending checkpoints; their directories
 * are deleted and the tasks are told.
 */
public final class CheckpointCoordinator implements CheckpointResponder {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

  /** A task as the coordinator knows it. */
  public record TaskInfo(ChainTasklet tasklet, int subtask, List<String> operatorIds) {}

  private final String jobId;
  private final CheckpointConfig config;
  private final CheckpointStorage storage;
  private final Clock clock;
  private final int maxParallelism;
  private final ScheduledExecutorService timer;
  private final ExecutorService io;

  private long nextId = 1;
  private final TreeMap<Long, Pending> pending = new TreeMap<>();
  private final List<CheckpointStats> stats = new ArrayList<>();
  private List<TaskInfo> tasks = List.of();
  private Map<String, SourceCoordinator<?>> sources = Map.of();
  private Map<String, Integer> operatorParallelism = Map.of();
  private int finishedTasks;

  /** The run the tasks belong to; a checkpoint of an earlier run never completes. */
  private long generation;

  private final java.util.concurrent.locks.ReentrantLock completion =
      new java.util.concurrent.locks.ReentrantLock();
  private final java.util.Set<Integer> doneTasks = new java.util.HashSet<>();
  private boolean attached;
  private boolean shutdown;
  private long lastCompletionNanos = Long.MIN_VALUE / 2;
  private ScheduledFuture<?> periodic;

  public CheckpointCoordinator(
      String jobId,
      CheckpointConfig config,
      CheckpointStorage storage,
      Clock clock,
      int maxParallelism,
      ScheduledExecutorService timer,
      ExecutorService io) {
    this.jobId = jobId;
    this.config = config;
    this.storage = storage;
    this.clock = clock;
    this.maxParallelism = maxParallelism;
    this.timer = timer;
    this.io = io;
  }

  /**
   * Numbers the next checkpoints after {@code id}: a job restored from checkpoint 12 takes 13 next,
   * so its checkpoints never reuse the directory of an earlier run's.
   */
  public synchronized void startIdsAfter(long id) {
    nextId = Math.max(nextId, id + 1);
  }

  public CheckpointStorage storage() {
    return storage;
  }

  /**
   * The tasks of a new run of the job (the first, or one after a restart).
   *
   * @param operatorParallelism every operator id of the job with its parallelism
   */
  public synchronized void attach(
      List<TaskInfo> tasks,
      Map<String, SourceCoordinator<?>> sources,
      Map<String, Integer> operatorParallelism) {
    this.tasks = List.copyOf(tasks);
    this.sources = new LinkedHashMap<>(sources);
    this.operatorParallelism = new LinkedHashMap<>(operatorParallelism);
    this.finishedTasks = 0;
    this.doneTasks.clear();
    this.attached = true;
  }

  /** The run ended (failure, cancellation, or the end): pending checkpoints are aborted. */
  public void detach(String why) {
    synchronized (this) {
      attached = false;
      generation++;
      for (Pending p : new ArrayList<>(pending.values())) {
        abort(p, why, false);
      }
    }
    // wait for a completion in progress (it either finished before, or sees the new generation)
    completion.lock();
    completion.unlock();
  }

  /** Starts the periodic trigger. */
  public synchronized void startPeriodic() {
    if (config.isEnabled() && periodic == null) {
      long ms = config.getInterval().toMillis();
      periodic = timer.scheduleAtFixedRate(this::periodicTrigger, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  public void shutdown() {
    synchronized (this) {
      shutdown = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
    }
    detach("the job ended");
  }

  public synchronized List<CheckpointStats> stats() {
    return List.copyOf(stats);
  }

  /**
   * The check and the trigger are one step under the lock, so no savepoint starts between them; and
   * no periodic checkpoint starts while a savepoint is in flight: its newer barrier would make the
   * tasks abandon the savepoint's alignment, and the savepoint (never subsumed) would wait for its
   * timeout.
   */
  private void periodicTrigger() {
    synchronized (this) {
      if (!attached
          || shutdown
          || pending.size() >= config.getMaxConcurrent()
          || System.nanoTime() - lastCompletionNanos < config.getMinPauseBetween().toNanos()) {
        return;
      }
      for (Pending p : pending.values()) {
        if (p.savepoint) {
          return;
        }
      }
      trigger(false, null);
    }
  }

  /**
   * Triggers a checkpoint, or a savepoint into a new directory under {@code savepointParent}.
   * Completes when it is complete, exceptionally when it is aborted.
   */
  public CompletableFuture<CompletedCheckpoint> trigger(boolean savepoint, Path savepointParent) {
    Pending p;
    synchronized (this) {
      if (!attached || shutdown) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("The job is not running; no checkpoint can be taken"));
      }
      long id = nextId++;
      Path dir;
      try {
        dir =
            savepoint
                ? CheckpointStorage.newSavepointDirectory(
                    savepointParent == null ? storage.root() : savepointParent, jobId, id)
                : storage.newCheckpointDirectory(id);
      } catch (IOException e) {
        return CompletableFuture.failedFuture(
            new IOException("Cannot create the directory of checkpoint " + id + ": " + e, e));
      }
      p = new Pending(id, clock.millis(), savepoint, dir);
      p.generation = generation;
      for (int i = 0; i < tasks.size(); i++) {
        if (!doneTasks.contains(i)) {
          p.waitingFor.add(i);
        }
      }
      p.ioPending = sources.size();
      for (Map.Entry<String, Integer> e : operatorParallelism.entrySet()) {
        p.files.put(e.getKey(), new FileRef[e.getValue()]);
      }
      pending.put(id, p);
      long timeoutMs = config.getTimeout().toMillis();
      p.timeout =
          timer.schedule(
              () -> {
                synchronized (this) {
                  if (!p.done) {
                    abort(p, "it did not complete within " + timeoutMs + " ms", true);
                  }
                }
              },
              timeoutMs,
              TimeUnit.MILLISECONDS);
      CheckpointBarrier barrier =
          new CheckpointBarrier(id, p.timestamp, savepoint, config.isIncremental());
      try {
        for (Map.Entry<String, SourceCoordinator<?>> e : sources.entrySet()) {
          byte[] state = e.getValue().triggerCheckpoint(barrier);
          String uid = e.getKey();
          submit(
              p,
              () -> {
                FileRef ref = CompletedCheckpoint.writeFile(p.dir, fileName(uid, -1), state);
                synchronized (this) {
                  p.enumerators.put(uid, ref);
                  p.ioPending--;
                  maybeComplete(p);
                }
              });
        }
      } catch (Exception e) {
        abort(p, "a split enumerator failed to snapshot: " + e, true);
        return p.future;
      }
      for (TaskInfo t : tasks) {
        t.tasklet().post(barrier);
      }
    }
    return p.future;
  }

  // ---- CheckpointResponder (task threads) ----

  @Override
  public void acknowledge(
      int taskIndex,
      long checkpointId,
      Map<String, SubtaskState> states,
      long syncNanos,
      long alignmentNanos) {
    Pending p;
    TaskInfo task;
    synchronized (this) {
      p = pending.get(checkpointId);
      if (p == null || p.done || taskIndex >= tasks.size() || !p.waitingFor.remove(taskIndex)) {
        // aborted, or a task of a run that ended: nothing is written
        dropNativeSnapshots(states);
        SubtaskState.releaseAll(states.values());
        return;
      }
      task = tasks.get(taskIndex);
      p.ioPending++;
      p.slowest = task.tasklet().name();
      p.maxSync = Math.max(p.maxSync, syncNanos);
      p.maxAlign = Math.max(p.maxAlign, alignmentNanos);
    }
    // The keyed snapshots captured at the barrier are written here, on the I/O thread, while the
    // task goes on; every way out (written, aborted meanwhile, failed, rejected) releases them.
    submit(
        p,
        () -> {
          synchronized (this) {
            if (p.done) {
              dropNativeSnapshots(states); // aborted while queued
              SubtaskState.releaseAll(states.values());
              return;
            }
          }
          Map<String, FileRef> written = new HashMap<>();
          List<CheckpointStorage.StoredNative> stored = new ArrayList<>();
          try {
            try {
              for (Map.Entry<String, SubtaskState> e : states.entrySet()) {
                NativeKeyedSnapshot local = e.getValue().nativeKeyed();
                if (local != null) {
                  CheckpointStorage.StoredNative n =
                      storage.storeNative(p.id, p.dir, fileName(e.getKey(), task.subtask()), local);
                  // the stored snapshot replaces the local one, whose directory goes now (the
                  // finally below sees only snapshots not stored yet)
                  e.getValue().setNativeKeyed(n.snapshot());
                  stored.add(n);
                  if (local.directory() != null) {
                    CheckpointStorage.delete(local.directory());
                  }
                }
              }
            } finally {
              dropNativeSnapshots(states);
            }
            for (Map.Entry<String, SubtaskState> e : states.entrySet()) {
              written.put(
                  e.getKey(),
                  CompletedCheckpoint.writeFile(
                      p.dir, fileName(e.getKey(), task.subtask()), e.getValue()::writeTo));
            }
          } finally {
            SubtaskState.releaseAll(states.values());
          }
          synchronized (this) {
            if (p.done && !pending.containsKey(p.id)) {
              // aborted while this uploaded: what it wrote after the abort deleted the directory
              CheckpointStorage.delete(p.dir);
              storage.discardPending(p.id);
              return;
            }
            for (CheckpointStorage.StoredNative n : stored) {
              p.nativeFiles.addAll(n.ownFiles());
              p.shared.putAll(n.shared());
              p.uploadedShared += n.uploadedSharedBytes();
            }
            for (Map.Entry<String, FileRef> e : written.entrySet()) {
              FileRef[] arr = p.files.get(e.getKey());
              if (arr != null) {
                arr[task.subtask()] = e.getValue();
              }
            }
            p.ioPending--;
            maybeComplete(p);
          }
        },
        () -> {
          dropNativeSnapshots(states);
          SubtaskState.releaseAll(states.values());
        });
  }

  /** Deletes the local directories of native snapshots (uploaded, or not wanted). */
  private static void dropNativeSnapshots(Map<String, SubtaskState> states) {
    for (SubtaskState s : states.values()) {
      NativeKeyedSnapshot n = s.nativeKeyed();
      if (n != null && n.directory() != null) {
        CheckpointStorage.delete(n.directory());
      }
    }
  }

  @Override
  public void finishedInput(int taskIndex) {
    boolean triggerNow;
    synchronized (this) {
      finishedTasks++;
      triggerNow = attached && !shutdown && finishedTasks == tasks.size() && pending.isEmpty();
    }
    if (triggerNow) {
      // every task waits for a checkpoint after its end: take it now rather than at the interval
      trigger(false, null);
    }
  }

  // ---- completion ----

  private void submit(Pending p, IoAction action) {
    submit(p, action, () -> {});
  }

  /** Runs {@code action} on the I/O thread; {@code dropped} runs if it never will. */
  private void submit(Pending p, IoAction action, Runnable dropped) {
    try {
      io.execute(
          () -> {
            try {
              action.run();
            } catch (Exception e) {
              synchronized (this) {
                if (!p.done) {
                  LOG.warn("Writing checkpoint {} failed", p.id, e);
                  abort(p, "writing its files failed: " + e, true);
                } else if (!pending.containsKey(p.id)) {
                  // aborted before this failed: drop the shared files it counted meanwhile
                  storage.discardPending(p.id);
                }
              }
            }
          });
    } catch (RejectedExecutionException e) {
      dropped.run(); // the job is ending
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws Exception;
  }

  @Override
  public void taskDone(int taskIndex) {
    synchronized (this) {
      doneTasks.add(taskIndex);
      for (Pending p : new ArrayList<>(pending.values())) {
        // a task ends only after a checkpoint it took after its end completed: it has nothing
        // more to contribute, and it will answer no trigger
        if (p.waitingFor.remove(taskIndex)) {
          maybeComplete(p);
        }
      }
    }
  }

  /** Called with the lock held. */
  private void maybeComplete(Pending p) {
    if (p.done) {
      return;
    }
    if (p.waitingFor.isEmpty() && p.ioPending == 0) {
      p.done = true;
      p.timeout.cancel(false);
      submit(p, () -> completeOrDiscard(p), () -> discardUncompleted(p, "the job is ending", null));
    }
  }

  /**
   * Completes {@code p}; if that fails (the manifest cannot be written: a full disk, say), the
   * checkpoint is discarded like an aborted one, so that its future fails, it no longer counts
   * against the checkpoints in flight (the next one can start), and its files go.
   */
  private void completeOrDiscard(Pending p) {
    try {
      beforeCompletion.accept(p.id);
      complete(p);
    } catch (Exception e) {
      discardUncompleted(p, "completing it failed: " + e, e);
    }
  }

  private void discardUncompleted(Pending p, String why, Exception cause) {
    synchronized (this) {
      if (pending.get(p.id) != p) {
        return; // completed, or dropped as a checkpoint of a run that ended
      }
      if (cause != null) {
        LOG.warn("Checkpoint {} of job {} could not be completed", p.id, jobId, cause);
      }
      discard(p, why, true);
    }
  }

  /** For tests: runs before each checkpoint's completion, on the I/O thread; may throw. */
  static volatile IoHook beforeCompletion = id -> {};

  /** See {@link #beforeCompletion}. */
  @FunctionalInterface
  interface IoHook {
    void accept(long checkpointId) throws IOException;
  }

  private void complete(Pending p) throws IOException {
    // A checkpoint of a run that has ended must not complete after the next run chose what to
    // restore: that run restored an older one, and its sink has already cleaned up what this one
    // pre-committed. detach() waits for a completion in progress, so the restart sees it.
    completion.lock();
    try {
      synchronized (this) {
        if (p.generation != generation) {
          pending.remove(p.id);
          LOG.info(
              "Checkpoint {} of job {} dropped: its run ended before it completed", p.id, jobId);
          CheckpointStorage.delete(p.dir);
          storage.discardPending(p.id);
          p.future.completeExceptionally(
              new IllegalStateException("Checkpoint " + p.id + " was aborted: the run ended"));
          return;
        }
      }
      completeNow(p);
    } finally {
      completion.unlock();
    }
  }

  private void completeNow(Pending p) throws IOException {
    Map<String, CompletedCheckpoint.OperatorFiles> ops = new LinkedHashMap<>();
    for (Map.Entry<String, FileRef[]> e : p.files.entrySet()) {
      ops.put(e.getKey(), new CompletedCheckpoint.OperatorFiles(e.getValue().length, e.getValue()));
    }
    CompletedCheckpoint c =
        new CompletedCheckpoint(
            p.id,
            p.savepoint,
            p.timestamp,
            maxParallelism,
            p.dir,
            ops,
            p.enumerators,
            List.copyOf(p.nativeFiles),
            new LinkedHashMap<>(p.shared));
    c.writeManifest();
    long duration = clock.millis() - p.timestamp;
    CheckpointStats s =
        new CheckpointStats(
            p.id,
            p.savepoint,
            p.timestamp,
            duration,
            c.ownBytes() + p.uploadedShared,
            p.maxAlign / 1_000_000,
            p.slowest,
            p.maxSync / 1_000_000,
            p.dir.toString());
    List<TaskInfo> notify;
    synchronized (this) {
      pending.remove(p.id);
      storage.addCompleted(c);
      stats.add(s);
      lastCompletionNanos = System.nanoTime();
      notify = attached && p.generation == generation ? tasks : List.of();
      // older pending checkpoints are subsumed; a savepoint never is: someone waits for it
      for (Pending older : new ArrayList<>(pending.headMap(p.id).values())) {
        if (!older.savepoint) {
          abort(older, "a newer checkpoint completed first", false);
        }
      }
    }
    LOG.debug("Completed {} in {} ms ({} bytes)", c, duration, s.sizeBytes());
    for (TaskInfo t : notify) {
      t.tasklet().post(new TaskMessage.Complete(p.id));
    }
    p.future.complete(c);
  }

  /** Called with the lock held. */
  private void abort(Pending p, String why, boolean notifyTasks) {
    if (p.done) {
      return; // completing, or aborted already
    }
    p.done = true;
    discard(p, why, notifyTasks);
  }

  /** Called with the lock held: {@code p} will not complete; its tasks, files and future learn. */
  private void discard(Pending p, String why, boolean notifyTasks) {
    pending.remove(p.id);
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    LOG.info("Checkpoint {} of job {} aborted: {}", p.id, jobId, why);
    if (notifyTasks && attached) {
      for (TaskInfo t : tasks) {
        t.tasklet().post(new TaskMessage.Aborted(p.id));
      }
    }
    Path dir = p.dir;
    long id = p.id;
    try {
      io.execute(
          () -> {
            CheckpointStorage.delete(dir);
            storage.discardPending(id);
          });
    } catch (RejectedExecutionException e) {
      CheckpointStorage.delete(dir);
      storage.discardPending(id);
    }
    p.future.completeExceptionally(
        new IllegalStateException("Checkpoint " + p.id + " was aborted: " + why));
  }

  static String fileName(String uid, int subtask) {
    StringBuilder b = new StringBuilder();
    for (char c : uid.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
      if (b.length() >= 40) {
        break;
      }
    }
    b.append('-').append(Integer.toHexString(uid.hashCode()));
    return subtask < 0 ? b + ".enumerator" : b + "-" + subtask + ".state";
  }

  /** A checkpoint in flight. */
  private static final class Pending {
    final long id;
    final long timestamp;
    final boolean savepoint;
    final Path dir;
    final Map<String, FileRef[]> files = new LinkedHashMap<>();
    final Map<String, FileRef> enumerators = new LinkedHashMap<>();
    final List<FileRef> nativeFiles = new ArrayList<>();
    final Map<String, FileRef> shared = new LinkedHashMap<>();
    long uploadedShared;
    final CompletableFuture<CompletedCheckpoint> future = new CompletableFuture<>();
    final java.util.Set<Integer> waitingFor = new java.util.HashSet<>();
    int ioPending;
    boolean done;
    String slowest;
    long maxSync;
    long maxAlign;
    ScheduledFuture<?> timeout;
    long generation;

    Pending(long id, long timestamp, boolean savepoint, Path dir) {
      this.id = id;
      this.timestamp = timestamp;
      this.savepoint = savepoint;
      this.dir = dir;
    }
  }
}
