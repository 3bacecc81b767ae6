package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import java.io.Serializable;

/**
 * An interval join: a left element at {@code t1} joins a right element at {@code t2} when {@code t1
 * + lower <= t2 <= t1 + upper} (each bound optionally exclusive).
 *
 * @param function the {@code ProcessJoinFunction}
 */
@Internal
public record IntervalJoinSpec(
    Object function, long lower, long upper, boolean lowerInclusive, boolean upperInclusive)
    implements Serializable {

  /** Whether {@code rightTs - leftTs} is within the bounds. */
  public boolean matches(long leftTs, long rightTs) {
    long d = rightTs - leftTs;
    return (lowerInclusive ? d >= lower : d > lower) && (upperInclusive ? d <= upper : d < upper);
  }
}
