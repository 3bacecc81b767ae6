package io.spry.cli.control;

import io.spry.api.JobHandle;
import io.spry.api.execution.JobSpec;
import io.spry.runtime.local.LocalExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the jobs that {@code spry run} starts controllable from other terminals, for as long as the
 * command runs: registered as a {@link LocalExecutor.SubmitListener}, it prints each job's id when
 * the job starts, serves it on a loopback {@link ControlServer} (started with the first job) and
 * announces it with a {@link JobFile} in the {@link JobDirectory}, deleted when the job ends.
 *
 * <p>Threads: {@link #submitted} runs on whatever thread submits a job, the end of a job on the
 * thread that completes its result, {@link #close} on the command's thread, and a shutdown hook on
 * Ctrl-C (which cancels the jobs still running and deletes their files). All of them go through
 * this object's lock; the server has its own threads.
 *
 * <p>One per JVM at a time (one {@code spry run}): two would each announce every job.
 */
public final class JobControl implements LocalExecutor.SubmitListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobControl.class);

  private enum State {
    /** No job yet: no server. */
    IDLE,
    /** The server listens. */
    SERVING,
    /** The server could not start (said once); jobs run without control. */
    UNAVAILABLE,
    CLOSED
  }

  private final PrintWriter err;
  private final JobDirectory directory;
  private final Clock clock;
  private final String token;
  private final Map<String, JobHandle> jobs = new LinkedHashMap<>();
  private final Thread shutdownHook;
  private State state = State.IDLE;
  private ControlServer server;

  private JobControl(PrintWriter err, JobDirectory directory, Clock clock) {
    this.err = err;
    this.directory = directory;
    this.clock = clock;
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
    this.shutdownHook = new Thread(this::onShutdown, "spry-control-shutdown");
  }

  /**
   * Starts listening for jobs; until {@link #close}, every job this JVM starts is controllable.
   *
   * @param err where to print job ids and what commands did (the run's standard error)
   */
  public static JobControl start(PrintWriter err) {
    JobControl c = new JobControl(err, JobDirectory.standard(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(c.shutdownHook);
    LocalExecutor.addSubmitListener(c);
    return c;
  }

  @Override
  public void submitted(JobSpec spec, JobHandle job) {
    String restored =
        spec.config().getRestoreFrom() == null
            ? ""
            : " (restored from " + spec.config().getRestoreFrom() + ")";
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      say("Job '" + job.jobName() + "' started: id " + job.jobId() + restored);
      ControlServer s = server();
      if (s == null) {
        return;
      }
      JobFile file =
          new JobFile(
              job.jobId(),
              job.jobName(),
              ProcessHandle.current().pid(),
              JobDirectory.currentProcessStart(),
              s.port(),
              token,
              clock.millis());
      s.add(spec, job);
      try {
        directory.write(file);
      } catch (IOException e) {
        s.remove(job.jobId());
        say(
            "Warning: job '"
                + job.jobName()
                + "' cannot be controlled from other terminals: cannot write its file in "
                + directory.path()
                + ": "
                + e);
        return;
      }
      jobs.put(job.jobId(), job);
    }
    job.result().whenComplete((r, e) -> ended(job.jobId()));
  }

  /** The server, started now if this is the first job; null when it cannot start. */
  private ControlServer server() {
    if (state == State.IDLE) {
      try {
        server = new ControlServer(token, this::say);
        state = State.SERVING;
      } catch (IOException e) {
        state = State.UNAVAILABLE;
        say("Warning: cannot listen on a loopback port for control commands: " + e);
      }
    }
    return state == State.SERVING ? server : null;
  }

  private synchronized void ended(String jobId) {
    if (jobs.remove(jobId) != null) {
      directory.delete(jobId);
      if (server != null) {
        server.remove(jobId);
      }
    }
  }

  private synchronized void say(String line) {
    err.println(line);
    err.flush();
  }

  /** Stops serving, after the answers being sent (a stop's answer follows its job's end). */
  @Override
  public void close() {
    LocalExecutor.removeSubmitListener(this);
    ControlServer s;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      s = server;
    }
    if (s != null) {
      s.close(); // outside the lock: a request being answered may print a notice
    }
    synchronized (this) {
      for (String id : jobs.keySet()) {
        directory.delete(id);
      }
      jobs.clear();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs
    }
  }

  /** Ctrl-C: cancel what still runs (a few seconds at most), and leave no files behind. */
  private void onShutdown() {
    List<JobHandle> running;
    synchronized (this) {
      running = List.copyOf(jobs.values());
    }
    for (JobHandle j : running) {
      j.cancel();
    }
    for (JobHandle j : running) {
      try {
        j.await(Duration.ofSeconds(5));
      } catch (TimeoutException | RuntimeException e) {
        LOG.debug("Job {} did not end on shutdown", j.jobId(), e);
      }
    }
    synchronized (this) {
      for (String id : jobs.keySet()) {
        directory.delete(id);
      }
    }
  }
}
