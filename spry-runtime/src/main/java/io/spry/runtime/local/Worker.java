package io.spry.runtime.local;

import io.spry.api.time.Clock;
import io.spry.runtime.task.IdleStrategy;
import io.spry.runtime.task.ProgressState;
import io.spry.runtime.task.Tasklet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread's loop over its tasklets: call each in turn; drop those that are done; back off when
 * none progressed. A cooperative worker runs many tasklets; a blocking tasklet gets a worker of its
 * own.
 *
 * <p>Ownership: the worker's thread alone calls and closes its tasklets. It stops when all are done
 * or when the job stops (failure or cancellation), then closes what is left and tells the job.
 */
final class Worker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final long MAX_PARK_NANOS = 1_000_000;

  private final LocalJob.Attempt job;
  private final List<Tasklet> tasklets;
  private final Clock clock;
  private final long slowCallNanos;
  private final IdleStrategy idle = new IdleStrategy(MAX_PARK_NANOS);
  private final List<Tasklet> reportedSlow = new ArrayList<>();

  Worker(LocalJob.Attempt job, List<Tasklet> tasklets, Clock clock, long slowCallNanos) {
    this.job = job;
    this.tasklets = new ArrayList<>(tasklets);
    this.clock = clock;
    this.slowCallNanos = slowCallNanos;
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (Throwable t) {
      job.fail(null, t);
    } finally {
      try {
        for (Tasklet t : tasklets) {
          close(t);
        }
        tasklets.clear();
      } finally {
        job.workerExited();
      }
    }
  }

  /** Closes a tasklet; a failure to close fails the job but never stops the other closes. */
  private void close(Tasklet t) {
    try {
      t.close();
    } catch (Throwable e) {
      job.fail(t, e);
    }
  }

  private void loop() {
    while (!tasklets.isEmpty() && !job.isStopping()) {
      boolean progress = false;
      for (int i = 0; i < tasklets.size(); ) {
        Tasklet t = tasklets.get(i);
        ProgressState s;
        long start = clock.nanos();
        try {
          s = t.call();
        } catch (Throwable e) {
          job.fail(t, e);
          return;
        }
        long took = clock.nanos() - start;
        if (took > slowCallNanos && t.isCooperative()) {
          reportSlow(t, took);
        }
        if (s == ProgressState.DONE) {
          tasklets.remove(i);
          close(t);
          progress = true;
          continue;
        }
        progress |= s == ProgressState.MADE_PROGRESS;
        i++;
      }
      if (progress) {
        idle.reset();
      } else {
        idle.idle();
      }
    }
  }

  private void reportSlow(Tasklet t, long nanos) {
    if (!reportedSlow.contains(t)) {
      reportedSlow.add(t);
      LOG.warn(
          "Task '{}' held a shared worker thread for {} ms in one call, stalling the other tasks"
              + " on it. If an operator in it blocks (network, disk, sleep), mark it with"
              + " .blocking() so it runs on a thread of its own.",
          t.name(),
          nanos / 1_000_000);
    }
  }
}
