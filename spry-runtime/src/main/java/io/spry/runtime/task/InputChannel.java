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

  InputChannel(SpscRing ring, int input) {
    this.ring = ring;
    this.input = input;
  }
}
