package io.spry.runtime.local;

import io.spry.api.JobConfig;
import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.JobStatus;
import io.spry.api.execution.JobSpec;
import io.spry.api.time.Clock;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.plan.ExecutionPlan;
import io.spry.runtime.plan.PlanCompiler;
import io.spry.runtime.source.SourceCoordinator;
import io.spry.runtime.task.Tasklet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * </ul>
 *
 * <h2>Lifecycle</h2>
 *
 * CREATED, then RUNNING once the threads start. The job ends when its last thread exits: FINISHED
 * when every tasklet finished, FAILED when one threw (the first failure is kept and every thread is
 * asked to stop), CANCELED after {@link #cancel()}. Every thread has exited and every operator is
 * closed before the result completes, so a finished job leaves nothing behind.
 */
final class LocalJob implements JobHandle {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

  private final String jobId = UUID.randomUUID().toString().replace("-", "");
  private final String jobName;
  private final JobConfig config;
  private final ExecutionPlan plan;
  private final CounterRegistry counters = new CounterRegistry();
  private final CompletableFuture<JobResult> result = new CompletableFuture<>();
  private final AtomicInteger liveWorkers = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;
  private final List<Thread> ownThreads = new ArrayList<>();
  private final long startNanos;
  private volatile JobStatus status = JobStatus.CREATED;
  private volatile boolean stopping;
  private volatile Throwable failure;

  /** Set under the lock once the last thread exited: later failures are ignored. */
  private boolean completing;

  private List<Tasklet> tasklets = List.of();
  private List<SourceCoordinator<?>> coordinators = List.of();

  LocalJob(JobSpec spec) {
    this.jobName = spec.name();
    this.config = spec.config();
    this.plan = PlanCompiler.compile(spec);
    this.startNanos = config.getClock().nanos();
    String shortId = jobId.substring(0, 8);
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "spry-" + shortId + "-coordinator");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** Builds the tasks (build-time errors throw here) and starts the threads. */
  void start() {
    Deployment d;
    try {
      d = new Deployment(plan, counters, scheduler, e -> fail(null, e)).build();
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      throw e;
    }
    tasklets = d.tasklets();
    coordinators = d.coordinators();
    String shortId = jobId.substring(0, 8);
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

  /** Records the first failure and stops the job. From any thread. */
  void fail(Tasklet tasklet, Throwable e) {
    synchronized (this) {
      if (completing || failure != null || status.isTerminal() || status == JobStatus.CANCELLING) {
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

  @Override
  public void cancel() {
    synchronized (this) {
      if (completing || status.isTerminal() || stopping) {
        return;
      }
      status = JobStatus.CANCELLING;
    }
    stop();
  }

  private void stop() {
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

  /** Called by each worker thread as it exits; the last one completes the job. */
  void workerExited() {
    if (liveWorkers.decrementAndGet() != 0) {
      return;
    }
    // Stop the coordinator thread first, so no periodic enumerator work runs against a closed
    // enumerator, and so every thread of the job has ended before the result completes.
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("The coordinator thread of job {} did not stop within 10 s", jobId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SourceCoordinator<?> c : coordinators) {
      c.close();
    }
    Duration took = Duration.ofNanos(config.getClock().nanos() - startNanos);
    JobResult done;
    synchronized (this) {
      completing = true;
      if (failure != null) {
        status = JobStatus.FAILED;
        done = null;
      } else {
        status = status == JobStatus.CANCELLING ? JobStatus.CANCELED : JobStatus.FINISHED;
        done = new JobResult(jobId, jobName, status, took, counters.snapshot());
      }
    }
    if (done == null) {
      Throwable f = failure;
      result.completeExceptionally(
          new JobExecutionException(
              jobId, "Job '" + jobName + "' (" + jobId + ") failed: " + f.getMessage(), f));
    } else {
      result.complete(done);
    }
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
