package io.spry.api;

import io.spry.api.annotation.Public;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** A submitted job: watch it, wait for it, cancel it. Thread-safe. */
@Public
public interface JobHandle {

  String jobId();

  String jobName();

  JobStatus status();

  /** Asks the job to stop; returns at once. {@link #await()} then returns a CANCELED result. */
  void cancel();

  /**
   * Waits for the job to end.
   *
   * @throws JobExecutionException when the job failed
   */
  JobResult await();

  /**
   * Waits at most {@code timeout} for the job to end.
   *
   * @throws JobExecutionException when the job failed
   * @throws TimeoutException when it is still running
   */
  JobResult await(Duration timeout) throws TimeoutException;

  /** Completes with the result, or exceptionally with a {@link JobExecutionException}. */
  CompletableFuture<JobResult> result();

  /**
   * Takes a savepoint into a new directory under {@code directory}, or, when null, under the
   * checkpoint storage directory the job was configured with (beside its checkpoints, which go when
   * the job ends; a savepoint stays); completes with the savepoint's path. Fails without
   * checkpointing, and with a null directory when the job's checkpoints go to a temporary
   * directory. The job goes on running.
   */
  CompletableFuture<String> triggerSavepoint(String directory);

  /** Takes a savepoint, then cancels the job; completes with the savepoint's path. */
  CompletableFuture<String> stopWithSavepoint(String directory);

  /** The completed checkpoints and savepoints of this run, oldest first. */
  java.util.List<io.spry.api.checkpoint.CheckpointStats> checkpoints();

  /** How many times the job restarted after a failure. */
  int restarts();
}
