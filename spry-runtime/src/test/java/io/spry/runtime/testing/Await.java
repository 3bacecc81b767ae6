package io.spry.runtime.testing;

import io.spry.api.JobHandle;
import io.spry.api.checkpoint.CheckpointStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling waits for tests that fail at their deadline, saying what did not happen and what the
 * state was then, instead of letting the test go on as if it had (and pass or fail for the wrong
 * reason). The timeouts are generous bounds for a loaded machine, never measurements.
 */
public final class Await {
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /**
   * Polls {@code condition} until it holds.
   *
   * @param what what is awaited and how things stand, read at the deadline for the message, e.g.
   *     {@code () -> "20 windows (got " + windows.size() + ")"}
   * @throws AssertionError at the deadline: "Timed out after 30 s waiting for ..."
   */
  public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "Timed out after " + seconds(timeout) + " waiting for " + what.get());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Waits until job {@code h} has completed at least {@code n} checkpoints (savepoints count);
   * fails at once, with the job's failure as the cause, if the job ends first.
   *
   * @return the completed checkpoints, oldest first
   */
  public static List<CheckpointStats> checkpoints(JobHandle h, int n, Duration timeout)
      throws InterruptedException {
    until(
        timeout,
        () ->
            n
                + " completed checkpoints of job '"
                + h.jobName()
                + "' (it has "
                + h.checkpoints().size()
                + ", status "
                + h.status()
                + ")",
        () -> {
          if (h.checkpoints().size() >= n) {
            return true;
          }
          if (h.result().isDone()) {
            throw endedFirst(h, n);
          }
          return false;
        });
    return h.checkpoints();
  }

  private static AssertionError endedFirst(JobHandle h, int n) {
    String ended;
    Throwable cause = null;
    try {
      ended = "ended " + h.result().get().status();
    } catch (ExecutionException e) {
      ended = "failed";
      cause = e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = "ended";
    }
    return new AssertionError(
        "Job '"
            + h.jobName()
            + "' "
            + ended
            + " after "
            + h.checkpoints().size()
            + " completed checkpoints, before the "
            + n
            + " awaited",
        cause);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
