package io.spry.runtime.local;

import io.spry.api.checkpoint.RestartStrategy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides, failure by failure, whether a job restarts and after how long, following its {@link
 * RestartStrategy}. Times are nanoseconds of a monotonic clock.
 */
final class RestartBackoff {
  private final RestartStrategy strategy;
  private int restarts;
  private int consecutive;
  private long currentDelayNanos = -1;
  private final Deque<Long> failureTimes = new ArrayDeque<>();

  RestartBackoff(RestartStrategy strategy) {
    this.strategy = strategy;
  }

  /**
   * A failure happened at {@code now}, in a run that started at {@code runStartedAt}.
   *
   * @return the delay in nanoseconds before the restart, or -1 when the job must fail
   */
  long onFailure(long now, long runStartedAt) {
    long delay = -1;
    if (strategy instanceof RestartStrategy.FixedDelay f) {
      delay = restarts < f.attempts() ? f.delay().toNanos() : -1;
    } else if (strategy instanceof RestartStrategy.ExponentialDelay e) {
      if (now - runStartedAt >= e.resetAfter().toNanos()) {
        consecutive = 0;
        currentDelayNanos = -1;
      }
      if (consecutive < e.attempts()) {
        currentDelayNanos =
            currentDelayNanos < 0
                ? e.initial().toNanos()
                : Math.min((long) (currentDelayNanos * e.multiplier()), e.max().toNanos());
        consecutive++;
        delay = currentDelayNanos;
      }
    } else if (strategy instanceof RestartStrategy.FailureRate r) {
      failureTimes.addLast(now);
      while (!failureTimes.isEmpty() && now - failureTimes.peekFirst() > r.window().toNanos()) {
        failureTimes.removeFirst();
      }
      delay = failureTimes.size() > r.maxFailures() ? -1 : r.delay().toNanos();
    }
    if (delay >= 0) {
      restarts++;
    }
    return delay;
  }

  int restarts() {
    return restarts;
  }

  /** Why the strategy gave up, for the job's error. */
  String describe() {
    if (strategy instanceof RestartStrategy.FixedDelay f) {
      return "it restarted "
          + restarts
          + " times, the most its fixed-delay strategy allows ("
          + f.attempts()
          + ")";
    }
    if (strategy instanceof RestartStrategy.ExponentialDelay e) {
      return "it failed "
          + (consecutive + 1)
          + " times in a row (its exponential-delay strategy"
          + " allows "
          + e.attempts()
          + " restarts)";
    }
    if (strategy instanceof RestartStrategy.FailureRate r) {
      return "it failed more than " + r.maxFailures() + " times within " + r.window();
    }
    return "its restart strategy is none";
  }
}
