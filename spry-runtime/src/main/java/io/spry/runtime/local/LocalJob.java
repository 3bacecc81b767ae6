package io.spry.runtime.local;

import io.spry.api.JobConfig;
import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.checkpoint.CheckpointConfig;
import io.spry.api.checkpoint.CheckpointStats;
import io.spry.api.execution.JobSpec;
import io.spry.api.time.Clock;
import io.spry.runtime.checkpoint.CheckpointCoordinator;
import io.spry.runtime.checkpoint.CheckpointStorage;
import io.spry.runtime.checkpoint.CompletedCheckpoint;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.plan.ExecutionPlan;
import io.spry.runtime.plan.PlanCompiler;
import io.spry.runtime.source.SourceCoordinator;
import io.spry.runtime.task.Tasklet;
import io.spry.runtime.task.UninterruptibleWait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job running embedded in this JVM.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>{@code spry-<job>-worker-<n>}: the cooperative workers, at most one per core, each running
 *       a fixed share of the cooperative tasklets.
 *   <li>{@code spry-<job>-<task name>}: one per blocking tasklet (file and socket sinks, source
 *       functions, operators marked blocking).
 *   <li>{@code spry-<job>-coordinator}: periodic work of split enumerators.
 *   <li>{@code spry-<job>-checkpoint} and {@code -checkpoint-io}: with checkpointing, the trigger
 *       timer (also used for restart delays) and the writer of checkpoint files.
 * </ul>
 *
 * <h2>Lifecycle</h2>
 *
 * CREATED, then RUNNING once the threads start. A run ({@link Attempt}) ends when its last thread
 * exits. When a task failed and the restart strategy allows it, the job is RESTARTING: after the
 * strategy's delay a new run starts from the latest completed checkpoint (or from the beginning
 * without one). Otherwise the job ends: FINISHED when every tasklet finished, FAILED with the first
 * failure, CANCELED after {@link #cancel()} (which, while RESTARTING, cancels the delayed restart
 * and ends the job at once). Every thread has exited and every operator is closed before the result
 * completes, so a finished job leaves nothing behind.
 */
final class LocalJob implements JobHandle {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

  private final String jobId = UUID.randomUUID().toString().replace("-", "");
  private final String shortId = jobId.substring(0, 8);
  private final String jobName;
  private final JobConfig config;
  private final ExecutionPlan plan;
  private final CounterRegistry counters = new CounterRegistry();
  private final CompletableFuture<JobResult> result = new CompletableFuture<>();
  private final long startNanos;
  private final RestartBackoff backoff;
  private final io.spry.runtime.failover.PoisonRecordDetector poison =
      new io.spry.runtime.failover.PoisonRecordDetector();
  private volatile JobStatus status = JobStatus.CREATED;

  /** With checkpointing: the trigger timer and restart delays; else only restart delays. */
  private final ScheduledThreadPoolExecutor timer;

  private final ExecutorService checkpointIo;
  private final CheckpointCoordinator checkpoints;
  private final Path checkpointRoot;
  private final boolean temporaryCheckpointRoot;

  /** The checkpoint the job was asked to start from, or null. */
  private final CompletedCheckpoint initialRestore;

  private Attempt current;
  private boolean cancelRequested;

  /** The restart waiting for its delay (status RESTARTING), or null; cancel() cancels it. */
  private java.util.concurrent.ScheduledFuture<?> pendingRestart;

  LocalJob(JobSpec spec) {
    this.jobName = spec.name();
    this.config = spec.config();
    this.plan = PlanCompiler.compile(spec);
    this.startNanos = config.getClock().nanos();
    this.backoff = new RestartBackoff(config.getRestartStrategy());
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("spry-" + shortId + "-checkpoint"));
    timer.setRemoveOnCancelPolicy(true);
    try {
      this.initialRestore =
          config.getRestoreFrom() == null
              ? null
              : CheckpointStorage.resolve(Path.of(stripFileScheme(config.getRestoreFrom())));
    } catch (IOException e) {
      timer.shutdownNow();
      throw new IllegalArgumentException(
          "Cannot start job '"
              + jobName
              + "' from "
              + config.getRestoreFrom()
              + ": "
              + e.getMessage(),
          e);
    }
    CheckpointConfig cc = config.getCheckpointConfig();
    if (cc.isEnabled()) {
      try {
        if (cc.getStorage() == null) {
          checkpointRoot = Files.createTempDirectory("spry-checkpoints-" + shortId);
          temporaryCheckpointRoot = true;
        } else {
          checkpointRoot = Path.of(stripFileScheme(cc.getStorage())).resolve(safe(jobName));
          Files.createDirectories(checkpointRoot);
          temporaryCheckpointRoot = false;
        }
      } catch (IOException e) {
        timer.shutdownNow();
        throw new UncheckedIOException(
            "Cannot create the checkpoint directory of job '" + jobName + "': " + e.getMessage(),
            e);
      }
      checkpointIo =
          Executors.newSingleThreadExecutor(daemon("spry-" + shortId + "-checkpoint-io"));
      checkpoints =
          new CheckpointCoordinator(
              jobId,
              cc,
              new CheckpointStorage(checkpointRoot, cc.getRetained()),
              config.getClock(),
              config.getMaxParallelism(),
              timer,
              checkpointIo);
      try {
        // after the restored checkpoint and after anything already in the directory, so a
        // restarted job never writes into an earlier run's checkpoint directory
        long after = checkpoints.storage().highestId();
        if (initialRestore != null) {
          after = Math.max(after, initialRestore.id());
        }
        checkpoints.startIdsAfter(after);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read the checkpoint directory " + checkpointRoot + ": " + e.getMessage(), e);
      }
    } else {
      checkpointRoot = null;
      temporaryCheckpointRoot = false;
      checkpointIo = null;
      checkpoints = null;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static String stripFileScheme(String path) {
    return path.startsWith("file://")
        ? path.substring(7)
        : path.startsWith("file:") ? path.substring(5) : path;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Builds the tasks (build-time errors throw here) and starts the threads. */
  void start() {
    try {
      startAttempt(initialRestore);
    } catch (RuntimeException e) {
      shutdownServices(true);
      throw e;
    }
    if (checkpoints != null) {
      checkpoints.startPeriodic();
    }
  }

  private void startAttempt(CompletedCheckpoint restore) {
    Attempt a = new Attempt();
    Deployment d;
    try {
      d =
          new Deployment(plan, counters, a.scheduler, e -> a.fail(null, e))
              .restoreFrom(restore, config.isAllowNonRestoredState())
              .withCheckpoints(checkpoints)
              .build();
    } catch (IOException e) {
      a.scheduler.shutdownNow();
      throw new UncheckedIOException("Restoring " + restore + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      a.scheduler.shutdownNow();
      throw e;
    }
    synchronized (this) {
      current = a;
    }
    if (checkpoints != null) {
      checkpoints.attach(d.taskInfos(), d.sourcesById(), d.operatorParallelism());
    }
    a.start(d);
    boolean cancelled;
    synchronized (this) {
      cancelled = cancelRequested;
    }
    if (cancelled) {
      // cancel() came while this run was being built: it stopped the run before, not this one
      a.stop();
    }
    if (restore != null) {
      LOG.info("Job '{}' ({}) restored from {}", jobName, jobId, restore);
    }
  }

  /** A run of the job's tasks; a restart makes a new one. */
  final class Attempt {
    final ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, daemon("spry-" + shortId + "-coordinator"));
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final List<Thread> ownThreads = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private List<Tasklet> tasklets = List.of();
    private List<SourceCoordinator<?>> coordinators = List.of();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private boolean ended;

    Attempt() {
      scheduler.setRemoveOnCancelPolicy(true);
    }

    void start(Deployment d) {
      tasklets = d.tasklets();
      coordinators = d.coordinators();
      List<Tasklet> cooperative = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (Tasklet t : tasklets) {
        if (t.isCooperative()) {
          cooperative.add(t);
        } else {
          Thread th = new Thread(worker(List.of(t)), "spry-" + shortId + "-" + t.name());
          threads.add(th);
          ownThreads.add(th);
        }
      }
      int nWorkers = Math.min(config.getWorkerThreads(), cooperative.size());
      for (int w = 0; w < nWorkers; w++) {
        List<Tasklet> share = new ArrayList<>();
        for (int i = w; i < cooperative.size(); i += nWorkers) {
          share.add(cooperative.get(i));
        }
        threads.add(new Thread(worker(share), "spry-" + shortId + "-worker-" + (w + 1)));
      }
      liveWorkers.set(threads.size());
      status = JobStatus.RUNNING;
      if (LOG.isDebugEnabled()) {
        LOG.debug("Starting job '{}' ({}):\n{}", jobName, jobId, plan.explain());
      }
      try {
        for (SourceCoordinator<?> c : coordinators) {
          c.start();
        }
      } catch (Exception e) {
        fail(null, e);
      }
      if (threads.isEmpty()) {
        liveWorkers.set(1);
        workerExited();
        return;
      }
      for (Thread t : threads) {
        t.start();
      }
    }

    private Worker worker(List<Tasklet> share) {
      // Slow-call diagnostics measure real time even when the job runs on a manual clock.
      return new Worker(this, share, Clock.system(), config.getSlowCallThreshold().toNanos());
    }

    boolean isStopping() {
      return stopping;
    }

    /** Records the first failure and stops this run. From any thread. */
    void fail(Tasklet tasklet, Throwable e) {
      synchronized (LocalJob.this) {
        if (ended || failure != null || stopping) {
          if (failure != null && failure != e) {
            LOG.debug("Further failure after the first in job {}", jobId, e);
          }
          return;
        }
        failure = e;
      }
      LOG.debug("Job {} failed in task {}", jobId, tasklet == null ? "-" : tasklet.name(), e);
      stop();
    }

    void stop() {
      stopping = true;
      for (Tasklet t : tasklets) {
        try {
          t.cancel();
        } catch (RuntimeException e) {
          LOG.debug("Cancelling {} failed", t.name(), e);
        }
      }
      for (Thread t : ownThreads) {
        t.interrupt();
      }
    }

    /** Called by each worker thread as it exits; the last one ends the run. */
    void workerExited() {
      if (liveWorkers.decrementAndGet() != 0) {
        return;
      }
      // A cancel interrupts the workers to stop their tasks; that is done now. Cleared, so that
      // ending the job below can wait for the coordinator and for the checkpoint I/O to finish
      // (an interrupted thread's waits return at once, and the job's result would complete while
      // the I/O thread still deleted or wrote checkpoint files).
      boolean interrupted = Thread.interrupted();
      try {
        endRun();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void endRun() {
      // Stop the coordinator thread first, so no periodic enumerator work runs against a closed
      // enumerator, and so every thread of the run has ended before anything else happens.
      scheduler.shutdownNow();
      if (!UninterruptibleWait.awaitTermination(scheduler, 10, TimeUnit.SECONDS)) {
        LOG.warn("The coordinator thread of job {} did not stop within 10 s", jobId);
      }
      for (SourceCoordinator<?> c : coordinators) {
        c.close();
      }
      synchronized (LocalJob.this) {
        ended = true;
      }
      attemptEnded(this);
    }
  }

  /** The run {@code a} ended: finish, fail, or restart. */
  private void attemptEnded(Attempt a) {
    Throwable f = a.failure;
    long delayNanos = -1;
    synchronized (this) {
      // a deterministic bad record fails again after every restore: give up at once
      if (f != null
          && !cancelRequested
          && !poison.onFailure(f).isPoison()
          && io.spry.runtime.failover.FailureClassifier.nonRecoverableReason(f) == null) {
        delayNanos = backoff.onFailure(System.nanoTime(), a.startedNanos);
        if (delayNanos >= 0) {
          status = JobStatus.RESTARTING;
        }
      }
    }
    if (checkpoints != null) {
      checkpoints.detach(f == null ? "the job ended" : "the job failed");
    }
    if (delayNanos >= 0) {
      LOG.warn(
          "Job '{}' ({}) failed; restarting in {} ms (restart {}): {}",
          jobName,
          jobId,
          delayNanos / 1_000_000,
          backoff.restarts(),
          f.toString());
      synchronized (this) {
        // under the lock: a cancel() either came before (no restart) or finds the future
        if (!cancelRequested) {
          try {
            pendingRestart = timer.schedule(this::restart, delayNanos, TimeUnit.NANOSECONDS);
            return;
          } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down meanwhile: end as failed below
          }
        }
      }
    }
    end(f == null ? null : poison.explain(f));
  }

  private void restart() {
    synchronized (this) {
      pendingRestart = null;
      if (cancelRequested) {
        end(null);
        return;
      }
    }
    CompletedCheckpoint latest = checkpoints == null ? null : checkpoints.storage().latest();
    CompletedCheckpoint from = latest != null ? latest : initialRestore;
    try {
      if (from != null) {
        from.verify();
      }
      startAttempt(from);
    } catch (Throwable t) {
      LOG.error("Restarting job '{}' ({}) failed", jobName, jobId, t);
      end(t);
    }
  }

  private void end(Throwable failure) {
    boolean cancelled;
    synchronized (this) {
      cancelled = cancelRequested;
      if (failure != null && !cancelled) {
        status = JobStatus.FAILED;
      } else {
        status = cancelled ? JobStatus.CANCELED : JobStatus.FINISHED;
      }
    }
    shutdownServices(failure == null || cancelled);
    Duration took = Duration.ofNanos(config.getClock().nanos() - startNanos);
    if (status == JobStatus.FAILED) {
      String nonRecoverable =
          io.spry.runtime.failover.FailureClassifier.nonRecoverableReason(failure);
      String restarts =
          nonRecoverable != null
              ? " (not restarted: " + nonRecoverable + ")"
              : backoff.restarts() > 0 ? " (no further restart: " + backoff.describe() + ")" : "";
      result.completeExceptionally(
          new JobExecutionException(
              jobId,
              "Job '"
                  + jobName
                  + "' ("
                  + jobId
                  + ") failed"
                  + restarts
                  + ": "
                  + failure.getMessage(),
              failure));
    } else {
      result.complete(new JobResult(jobId, jobName, status, took, counters.snapshot()));
    }
  }

  private void shutdownServices(boolean cleanCheckpoints) {
    if (checkpoints != null) {
      checkpoints.shutdown();
    }
    timer.shutdownNow();
    if (checkpointIo != null) {
      checkpointIo.shutdown();
      // through interrupts: the thread that ends a job may be a worker that a cancel interrupts
      // (again) meanwhile, and the job's result must not complete while the executor still
      // writes or deletes checkpoint files
      if (!UninterruptibleWait.awaitTermination(checkpointIo, 30, TimeUnit.SECONDS)) {
        LOG.warn("Checkpoint files of job {} were still being written after 30 s", jobId);
      }
    }
    if (checkpointRoot != null) {
      boolean keep =
          !temporaryCheckpointRoot
              && (!cleanCheckpoints
                  || (status == JobStatus.CANCELED
                      && config.getCheckpointConfig().isRetainOnCancel()));
      if (!keep) {
        CheckpointStorage.delete(checkpointRoot);
      }
    }
  }

  @Override
  public void cancel() {
    Attempt a;
    java.util.concurrent.ScheduledFuture<?> restart;
    synchronized (this) {
      if (status.isTerminal() || cancelRequested) {
        return;
      }
      cancelRequested = true;
      status = JobStatus.CANCELLING;
      a = current;
      restart = pendingRestart;
      pendingRestart = null;
    }
    if (restart != null && restart.cancel(false)) {
      // The run had ended and its restart waited for the delay: end the job now rather than
      // after the delay, on the timer thread as a restart would (restart() sees the cancel).
      try {
        timer.execute(this::restart);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the job is ending already
      }
      return;
    }
    if (a != null) {
      a.stop();
    }
  }

  @Override
  public CompletableFuture<String> triggerSavepoint(String directory) {
    if (checkpoints == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "Job '"
                  + jobName
                  + "' runs without checkpointing; enable it (env.enableCheckpointing(...)) to"
                  + " take savepoints"));
    }
    Path parent;
    if (directory != null) {
      parent = Path.of(stripFileScheme(directory));
    } else if (temporaryCheckpointRoot) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "Job '"
                  + jobName
                  + "' has no checkpoint storage directory (its checkpoints go to a temporary one"
                  + " that is deleted when it ends): name a directory for the savepoint"));
    } else {
      // Beside the job's checkpoint directory, not in it: that one goes when the job ends.
      parent = checkpointRoot.getParent();
    }
    return checkpoints.trigger(true, parent).thenApply(c -> c.directory().toString());
  }

  @Override
  public CompletableFuture<String> stopWithSavepoint(String directory) {
    return triggerSavepoint(directory)
        .thenCompose(
            path -> {
              cancel();
              return result.handle((r, e) -> path);
            });
  }

  @Override
  public List<CheckpointStats> checkpoints() {
    return checkpoints == null ? List.of() : checkpoints.stats();
  }

  @Override
  public int restarts() {
    synchronized (this) {
      return backoff.restarts();
    }
  }

  /** The job's checkpoint directory, or null without checkpointing. */
  Path checkpointRoot() {
    return checkpointRoot;
  }

  @Override
  public String jobId() {
    return jobId;
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public JobStatus status() {
    return status;
  }

  @Override
  public JobResult await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobExecutionException(jobId, "Interrupted while waiting for job " + jobId, e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  @Override
  public JobResult await(Duration timeout) throws TimeoutException {
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobExecutionException(jobId, "Interrupted while waiting for job " + jobId, e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private JobExecutionException unwrap(ExecutionException e) {
    if (e.getCause() instanceof JobExecutionException j) {
      // A fresh exception, so the waiting thread's stack shows where it waited.
      return new JobExecutionException(j.getJobId(), j.getMessage(), j.getCause());
    }
    return new JobExecutionException(jobId, "Job " + jobId + " failed", e.getCause());
  }

  @Override
  public CompletableFuture<JobResult> result() {
    return result;
  }

  ExecutionPlan plan() {
    return plan;
  }

  @Override
  public String toString() {
    return "LocalJob(" + jobName + ", " + jobId + ", " + status + ")";
  }
}
