package io.spry.testkit;

import io.spry.api.DataStream;
import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.JobResult;
import io.spry.api.StreamEnvironment;
import io.spry.api.annotation.Public;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Runs whole jobs in the embedded runtime, on a {@link ManualClock}, with a time limit.
 *
 * <pre>{@code
 * JobTestDriver driver = JobTestDriver.create(2);
 * DataStream<Long> doubled =
 *     driver.env()
 *         .fromSource(ListSource.of(Long.class, 1L, 2L, 3L), WatermarkStrategy.noWatermarks(), "in")
 *         .map(x -> x * 2);
 * assertThat(driver.collect(doubled)).containsExactlyInAnyOrder(2L, 4L, 6L);
 * }</pre>
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The {@linkplain #env() environment} has the driver's parallelism and clock; build jobs on
 *       it as usual. Each run takes the job built so far, so the same driver can run several jobs
 *       one after the other.
 *   <li>Processing time stands still unless the test moves the {@linkplain #clock() clock}: nothing
 *       that waits for processing time (periodic watermarks, say) happens on its own.
 *   <li>Every run waits at most the {@linkplain #withTimeout timeout} (default {@link
 *       #DEFAULT_TIMEOUT}). A job that has not ended by then is cancelled and the run fails with an
 *       {@link AssertionError} saying so; a job that fails throws its {@link
 *       JobExecutionException}.
 * </ul>
 *
 * <p>Not thread-safe, except {@link #clock()}, which any thread may move.
 */
@Public
public final class JobTestDriver {
  /** How long a run waits for its job unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

  private final StreamEnvironment env;
  private final ManualClock clock;
  private Duration timeout = DEFAULT_TIMEOUT;
  private int runs;

  private JobTestDriver(StreamEnvironment env, ManualClock clock) {
    this.env = env;
    this.clock = clock;
  }

  /** A driver whose jobs run with the given default parallelism, on a new manual clock at 0 ms. */
  public static JobTestDriver create(int parallelism) {
    return create(parallelism, new ManualClock());
  }

  /** A driver whose jobs run with the given default parallelism on the given clock. */
  public static JobTestDriver create(int parallelism, ManualClock clock) {
    Objects.requireNonNull(clock, "clock");
    StreamEnvironment env = StreamEnvironment.createLocal(parallelism).setClock(clock);
    return new JobTestDriver(env, clock);
  }

  /** The environment to build jobs on; its config may be changed further. */
  public StreamEnvironment env() {
    return env;
  }

  /** The jobs' processing-time clock. */
  public ManualClock clock() {
    return clock;
  }

  /** How long each run waits for its job before it cancels it and fails. */
  public JobTestDriver withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Adds a {@link ListSink} with parallelism 1 to {@code stream}: after a run it holds the stream's
   * records. The records of a stream of parallelism 1 arrive in order.
   */
  public <T> ListSink<T> sinkToList(DataStream<T> stream) {
    ListSink<T> sink = new ListSink<>();
    stream.sinkTo(sink).name("ListSink").setParallelism(1);
    return sink;
  }

  /**
   * Runs the job built on {@link #env()} (which must end: bounded sources) and returns {@code
   * stream}'s records.
   *
   * @throws JobExecutionException when the job fails
   * @throws AssertionError when it does not end within the timeout
   */
  public <T> List<T> collect(DataStream<T> stream) {
    ListSink<T> sink = sinkToList(stream);
    run();
    return sink.getRecords();
  }

  /**
   * Runs the job built on {@link #env()} and waits for it to end.
   *
   * @throws JobExecutionException when the job fails
   * @throws AssertionError when it does not end within the timeout
   */
  public JobResult run() {
    return await(start());
  }

  /**
   * Starts the job built on {@link #env()} and returns at once: the test may then move the clock
   * while the job runs, and {@link #await} it.
   */
  public JobHandle start() {
    runs++;
    return env.executeAsync("test job " + runs);
  }

  /**
   * Waits for a job to end, at most the timeout.
   *
   * @throws JobExecutionException when the job fails
   * @throws AssertionError when it does not end in time; the job is then cancelled
   */
  public JobResult await(JobHandle job) {
    try {
      return job.await(timeout);
    } catch (TimeoutException e) {
      job.cancel();
      boolean stopped = waitForCancellation(job);
      AssertionError error =
          new AssertionError(
              "Job '"
                  + job.jobName()
                  + "' did not end within "
                  + timeout
                  + (stopped ? " and was cancelled" : "; it was asked to cancel but still runs")
                  + ". A job ends only when all its sources do: use bounded sources, or start()"
                  + " the job and cancel it yourself.");
      error.initCause(e);
      throw error;
    }
  }

  private static boolean waitForCancellation(JobHandle job) {
    try {
      job.await(CANCEL_WAIT);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (JobExecutionException failedWhileCancelling) {
      return true;
    }
  }
}
