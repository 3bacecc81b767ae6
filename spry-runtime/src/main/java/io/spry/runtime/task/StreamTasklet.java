package io.spry.runtime.task;

import io.spry.api.time.Clock;
import io.spry.runtime.exchange.CheckpointBarrier;
import io.spry.runtime.exchange.ControlEvent;
import io.spry.runtime.exchange.EndOfInput;
import io.spry.runtime.exchange.SpscRing;
import io.spry.runtime.exchange.Watermark;
import io.spry.runtime.exchange.WatermarkStatus;
import io.spry.runtime.operator.Output;
import java.util.List;

/**
 * A task fed by channels from upstream tasks. Each turn it reads up to a batch of records, round
 * robin over its channels, and hands them to the head operator; control events are handled in order
 * with the records.
 *
 * <p>Watermarks: each channel remembers the last watermark it delivered; the task's watermark is
 * the minimum over channels that are neither idle nor ended, and goes to the head whenever it
 * rises, and never goes back. A channel that becomes active again behind the task's watermark stays
 * out of the minimum until its own watermark catches up, so the other channels keep event time
 * moving (Flink's rule). When every live channel is idle, the task tells its consumers it is idle
 * too.
 *
 * <p>Checkpoints: when the barrier of a checkpoint comes on a channel, the task (in exactly-once
 * mode) reads no more from that channel until the barrier has come on every channel that has not
 * ended (alignment); then it snapshots, forwards the barrier and reads on. In at-least-once mode no
 * channel is blocked. A barrier of a newer checkpoint abandons the alignment of an older one.
 */
public final class StreamTasklet extends ChainTasklet {
  private final InputChannel[] channels;
  private final Output<Object> input1;
  private final Output<Object> input2;
  private final int batchSize;
  private int next;
  private int endedChannels;
  private long watermark = Long.MIN_VALUE;
  private boolean idle;

  private boolean exactlyOnce = true;
  private boolean aligning;
  private CheckpointBarrier alignBarrier;
  private long alignStartNanos;
  private long abortedId;

  /**
   * @param rings the input channels
   * @param inputs for each ring, 1 or 2: which input of the head it feeds
   * @param input1 delivers records of input 1 to the head (with key context)
   * @param input2 delivers records of input 2, or null for a one-input head
   */
  public StreamTasklet(
      String name,
      OperatorChain chain,
      boolean cooperative,
      Clock clock,
      List<SpscRing> rings,
      int[] inputs,
      Output<Object> input1,
      Output<Object> input2,
      int batchSize) {
    super(name, chain, cooperative, clock);
    this.channels = new InputChannel[rings.size()];
    for (int i = 0; i < channels.length; i++) {
      channels[i] = new InputChannel(rings.get(i), inputs[i]);
    }
    this.input1 = input1;
    this.input2 = input2;
    this.batchSize = batchSize;
  }

  @Override
  protected boolean processInput() {
    InputChannel[] chs = channels;
    int n = chs.length;
    int budget = batchSize;
    int processed = 0;
    for (int k = 0; k < n && budget > 0; k++) {
      int c = next + k;
      if (c >= n) {
        c -= n;
      }
      InputChannel ch = chs[c];
      if (ch.ended) {
        continue;
      }
      SpscRing ring = ch.ring;
      int avail = ring.available();
      if (avail == 0) {
        continue;
      }
      int m = Math.min(avail, budget);
      if (ch.blocked) {
        continue;
      }
      Output<Object> target = ch.input == 1 ? input1 : input2;
      int i = 0;
      int prefetchedTo = target.prefetches() ? 0 : m;
      while (i < m) {
        if (i == prefetchedTo) {
          prefetchedTo = prefetch(target, ring, i, m);
        }
        Object o = ring.item(i++);
        if (o instanceof ControlEvent e) {
          onControlEvent(ch, e);
          if (chain.hasPendingWork()) {
            // the watermark's timers fire over the next turns; no input until they have
            ring.release(i);
            next = c;
            return true;
          }
          if (ch.blocked) {
            break;
          }
        } else {
          target.collect(o, ring.timestamp(i - 1));
        }
      }
      ring.release(i);
      budget -= i;
      processed += i;
    }
    next = next + 1 >= n ? 0 : next + 1;
    if (endedChannels == n) {
      endOfInput();
    }
    return processed > 0;
  }

  /**
   * Records per prefetch: 8 to 64 gave the same gain in a random-order read of a large state
   * ({@code KeyedStateBenchmark}); a small batch keeps the prefetched lines from being evicted
   * before their records come.
   */
  private static final int PREFETCH_BATCH = 16;

  private final Object[] prefetchBatch = new Object[PREFETCH_BATCH];

  /**
   * Hands {@code target} the records from {@code from} on, up to a batch and not past a control
   * event, to prefetch their keys' state; returns the position after them (at least {@code from +
   * 1}, past a control event there).
   */
  private int prefetch(Output<Object> target, SpscRing ring, int from, int m) {
    Object[] b = prefetchBatch;
    int end = Math.min(m, from + b.length);
    int n = 0;
    for (int j = from; j < end; j++) {
      Object o = ring.item(j);
      if (o instanceof ControlEvent) {
        break;
      }
      b[n++] = o;
    }
    if (n > 0) {
      target.prefetch(b, n);
      java.util.Arrays.fill(b, 0, n, null);
    }
    return from + Math.max(n, 1);
  }

  private void onControlEvent(InputChannel ch, ControlEvent e) {
    if (e instanceof Watermark w) {
      if (w.timestamp() > ch.watermark) {
        ch.watermark = w.timestamp();
      }
      if (ch.idle) {
        setActive(ch);
        updateStatus();
      }
      if (!ch.aligned && ch.watermark >= watermark) {
        ch.aligned = true;
      }
      advanceWatermark();
    } else if (e instanceof WatermarkStatus s) {
      if (s.isIdle()) {
        ch.idle = true;
      } else if (ch.idle) {
        setActive(ch);
      }
      updateStatus();
      advanceWatermark();
    } else if (e instanceof EndOfInput) {
      ch.ended = true;
      endedChannels++;
      updateStatus();
      advanceWatermark();
      maybeCompleteAlignment();
    } else if (e instanceof CheckpointBarrier b) {
      onBarrier(ch, b);
    }
  }

  // ---- checkpoint alignment ----

  /** At-least-once mode: barriers block no channel. */
  public void setExactlyOnce(boolean exactlyOnce) {
    this.exactlyOnce = exactlyOnce;
  }

  private void onBarrier(InputChannel ch, CheckpointBarrier b) {
    if (b.id() <= lastSnapshotId() || b.id() <= abortedId) {
      return; // a checkpoint this task already took, or one aborted
    }
    if (aligning && b.id() < alignBarrier.id()) {
      return; // a barrier of an alignment that a newer checkpoint replaced
    }
    if (!aligning || b.id() > alignBarrier.id()) {
      startAlignment(b);
    }
    ch.barrierId = b.id();
    ch.blocked = exactlyOnce;
    maybeCompleteAlignment();
  }

  @Override
  protected void onTrigger(CheckpointBarrier b) throws Exception {
    if (state() == State.AWAITING_FINAL_CHECKPOINT) {
      super.onTrigger(b);
      return;
    }
    // Barriers will come on the channels that have not ended; if all have ended, none will.
    if (b.id() > lastSnapshotId()
        && b.id() > abortedId
        && (!aligning || b.id() > alignBarrier.id())) {
      startAlignment(b);
      maybeCompleteAlignment();
    }
  }

  private void startAlignment(CheckpointBarrier b) {
    aligning = true;
    alignBarrier = b;
    alignStartNanos = System.nanoTime();
    for (InputChannel c : channels) {
      c.blocked = false;
    }
  }

  private void maybeCompleteAlignment() {
    if (!aligning) {
      return;
    }
    long id = alignBarrier.id();
    for (InputChannel c : channels) {
      if (!c.ended && c.barrierId != id) {
        return;
      }
    }
    aligning = false;
    for (InputChannel c : channels) {
      c.blocked = false;
    }
    snapshotAndForward(alignBarrier, System.nanoTime() - alignStartNanos);
  }

  @Override
  protected void onAborted(long id) {
    abortedId = Math.max(abortedId, id);
    if (aligning && alignBarrier.id() == id) {
      aligning = false;
      for (InputChannel c : channels) {
        c.blocked = false;
      }
    }
  }

  /** A channel back from idleness rejoins the minimum only once it has caught up (as in Flink). */
  private void setActive(InputChannel ch) {
    ch.idle = false;
    ch.aligned = ch.watermark >= watermark;
  }

  /**
   * The task is idle when every channel that has not ended is idle; downstream then leaves it out
   * of its watermark minimum until it is active again.
   */
  private void updateStatus() {
    boolean live = false;
    boolean allIdle = true;
    for (InputChannel c : channels) {
      if (!c.ended) {
        live = true;
        allIdle &= c.idle;
      }
    }
    boolean nowIdle = live && allIdle;
    if (nowIdle != idle) {
      idle = nowIdle;
      input1.emitWatermarkStatus(nowIdle);
    }
  }

  private void advanceWatermark() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (InputChannel c : channels) {
      if (!c.ended && !c.idle && c.aligned) {
        any = true;
        if (c.watermark < min) {
          min = c.watermark;
        }
      }
    }
    if (any && min > watermark) {
      watermark = min;
      input1.emitWatermark(min);
    }
  }
}
