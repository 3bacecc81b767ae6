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
}
