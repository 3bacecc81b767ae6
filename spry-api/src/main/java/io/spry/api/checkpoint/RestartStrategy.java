package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;

/**
 * What a job does when a task fails: give up, or restore the latest completed checkpoint and go on.
 * Without checkpointing a restart starts the job from the beginning, with empty state.
 *
 * <p>The default is {@link #none()} without checkpointing and {@code fixedDelay(Integer.MAX_VALUE,
 * 1 s)} with it, as in Flink; set one explicitly to bound how often a job may restart.
 */
@Public
public sealed interface RestartStrategy extends Serializable {

  /** The job fails on its first failure. */
  static RestartStrategy none() {
    return new None();
  }

  /** Up to {@code attempts} restarts, waiting {@code delay} before each. */
  static RestartStrategy fixedDelay(int attempts, Duration delay) {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
    return new FixedDelay(attempts, delay);
  }

  /**
   * Restarts with a delay that starts at {@code initial} and grows by {@code multiplier} after each
   * failure up to {@code max}; it goes back to {@code initial} after the job has run for {@code
   * resetAfter} without failing. Gives up after {@code attempts} restarts in a row.
   */
  static RestartStrategy exponentialDelay(
      Duration initial, Duration max, double multiplier, Duration resetAfter, int attempts) {
    if (multiplier < 1) {
      throw new IllegalArgumentException("The multiplier must be at least 1, was " + multiplier);
    }
    return new ExponentialDelay(initial, max, multiplier, resetAfter, attempts);
  }

  /**
   * Restarts after {@code delay}, unless more than {@code maxFailures} happen within {@code
   * window}.
   */
  static RestartStrategy failureRate(int maxFailures, Duration window, Duration delay) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
    }
    return new FailureRate(maxFailures, window, delay);
  }

  /** See {@link #none()}. */
  record None() implements RestartStrategy {}

  /** See {@link #fixedDelay}. */
  record FixedDelay(int attempts, Duration delay) implements RestartStrategy {}

  /** See {@link #exponentialDelay}. */
  record ExponentialDelay(
      Duration initial, Duration max, double multiplier, Duration resetAfter, int attempts)
      implements RestartStrategy {}

  /** See {@link #failureRate}. */
  record FailureRate(int maxFailures, Duration window, Duration delay) implements RestartStrategy {}
}
