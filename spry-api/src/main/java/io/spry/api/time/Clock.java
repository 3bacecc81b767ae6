package io.spry.api.time;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * The source of processing time. The engine never reads the system clock directly: it asks the
 * job's clock, so tests can drive processing time by hand (see {@code ManualClock} in
 * spry-testkit).
 *
 * <p>Implementations must be thread-safe: worker threads read the clock concurrently.
 */
@Public
public interface Clock extends Serializable {

  /** Wall-clock time in milliseconds since the epoch: the time of processing-time timers. */
  long millis();

  /** A monotonic reading in nanoseconds, only for measuring elapsed time. */
  long nanos();

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
