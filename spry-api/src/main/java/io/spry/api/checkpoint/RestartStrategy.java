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

  /**
   * A strategy written as text, as the {@code spry run --restart} option and the system property
   * {@code spry.restart} take it:
   *
   * <ul>
   *   <li>{@code none}
   *   <li>{@code fixed:<attempts>:<delay>}, e.g. {@code fixed:3:1s}: {@link #fixedDelay}
   *   <li>{@code exponential:<initial>:<max>[:<attempts>]}, e.g. {@code exponential:100ms:1m}:
   *       {@link #exponentialDelay} doubling the delay, back to the initial one after an hour
   *       without failure, unlimited attempts unless given
   *   <li>{@code failure-rate:<max failures>:<window>:<delay>}, e.g. {@code failure-rate:3:5m:1s}:
   *       {@link #failureRate}
   * </ul>
   *
   * Durations are read by {@link io.spry.api.time.Durations#parse}.
   *
   * @throws IllegalArgumentException saying what is expected; callers prefix the name of what they
   *     parse
   */
  static RestartStrategy parse(String text) {
    String t = text == null ? "" : text.trim();
    String[] f = t.split(":", -1);
    try {
      switch (f[0]) {
        case "none":
          if (f.length == 1) {
            return none();
          }
          break;
        case "fixed":
          if (f.length == 3) {
            return fixedDelay(count(f[1], "attempts"), duration(f[2], "delay"));
          }
          break;
        case "exponential":
          if (f.length == 3 || f.length == 4) {
            Duration initial = duration(f[1], "initial delay");
            Duration max = duration(f[2], "maximum delay");
            if (max.compareTo(initial) < 0) {
              throw new IllegalArgumentException(
                  "the maximum delay "
                      + f[2]
                      + " is shorter than the initial one "
                      + f[1]
                      + " in '"
                      + t
                      + "'");
            }
            int attempts = f.length == 4 ? count(f[3], "attempts") : Integer.MAX_VALUE;
            return exponentialDelay(initial, max, 2.0, Duration.ofHours(1), attempts);
          }
          break;
        case "failure-rate":
          if (f.length == 4) {
            int max = count(f[1], "max failures");
            if (max < 1) {
              throw new IllegalArgumentException("max failures must be at least 1 in '" + t + "'");
            }
            return failureRate(max, duration(f[2], "window"), duration(f[3], "delay"));
          }
          break;
        default:
          break;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "is not a usable restart strategy: '" + t + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "must be none, fixed:<attempts>:<delay>, exponential:<initial>:<max>[:<attempts>] or"
            + " failure-rate:<max failures>:<window>:<delay> (e.g. fixed:3:1s), was '"
            + t
            + "'");
  }

  private static int count(String text, String what) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException(what + " must be a whole number >= 0, was '" + text + "'");
  }

  private static Duration duration(String text, String what) {
    try {
      return io.spry.api.time.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + e.getMessage(), e);
    }
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
