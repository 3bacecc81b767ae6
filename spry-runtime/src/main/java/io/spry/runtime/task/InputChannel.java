package io.spry.runtime.task;

import io.spry.runtime.exchange.SpscRing;

/** The consuming end of one channel, with what the consumer knows about it. */
final class InputChannel {
  final SpscRing ring;

  /** 1 or 2: which input of a two-input head this channel feeds. */
  final int input;

  long watermark = Long.MIN_VALUE;
  boolean idle;
  boolean ended;

  /**
   * False while a channel that returned from idleness is behind the task's watermark: it stays out
   * of the minimum until it catches up, so the other channels keep event time moving.
   */
  boolean aligned = true;

  /** The id of the last checkpoint barrier that came on this channel. */
  long barrierId;

  /** No records are read while true: its barrier came and others' have not (exactly-once). */
  boolean blocked;

  InputChannel(SpscRing ring, int input) {
    this.ring = ring;
    this.input = input;
  }
}
