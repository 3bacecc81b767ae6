package io.spry.api.windowing.triggers;

import io.spry.api.functions.ReduceFunction;

/** The smaller of two longs: the state of the continuous triggers keeps their next firing time. */
final class MinReduce implements ReduceFunction<Long> {
  private static final long serialVersionUID = 1L;

  @Override
  public Long reduce(Long a, Long b) {
    return Math.min(a, b);
  }
}
