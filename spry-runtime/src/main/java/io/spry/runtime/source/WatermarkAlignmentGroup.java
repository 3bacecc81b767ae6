package io.spry.runtime.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The source subtasks of one job whose watermark strategies name the same alignment group, and
 * their watermarks, shared in memory: each subtask publishes its watermark when it changes and,
 * before each poll of its reader, reads the group's lowest to decide whether it may read on (see
 * {@link SourceOperator}). Flink's coordinator collects the same watermarks over RPC every update
 * interval; in one process a plain read is fresher and costs a few loads.
 *
 * <p>A subtask takes part from its first watermark until it goes idle or finishes: one that has
 * emitted none (no split yet, say), is idle, or has finished does not hold the group back.
 *
 * <p>Thread-safe: subtasks on different workers publish and read concurrently. Each slot is written
 * by its own subtask only; a reader may see a slightly old value, which only delays a pause or a
 * resume by a poll.
 */
public final class WatermarkAlignmentGroup {
  /** A slot of a subtask that does not take part (no watermark yet, idle or finished). */
  static final long ABSENT = Long.MAX_VALUE;

  private final String name;

  /** One watermark per member, in {@code long}s {@value #STRIDE} apart (no false sharing). */
  private volatile long[] slots = new long[0];

  private static final int STRIDE = 8;

  /** Set by the first publish: the slots are in use, and no member may join any more. */
  private volatile boolean running;

  public WatermarkAlignmentGroup(String name) {
    this.name = name;
  }

  /** Adds a member that does not take part yet; returns its slot. Before the job runs. */
  public synchronized int join() {
    if (running) {
      throw new IllegalStateException(
          "A source subtask joined " + this + " after its members began to publish watermarks");
    }
    int slot = slots.length / STRIDE;
    long[] grown = Arrays.copyOf(slots, (slot + 1) * STRIDE);
    grown[slot * STRIDE] = ABSENT;
    slots = grown;
    return slot;
  }

  /** The member's watermark is now {@code watermark}: it takes part. */
  void publish(int slot, long watermark) {
    if (!running) {
      running = true;
    }
    write(slot, watermark == ABSENT ? ABSENT - 1 : watermark);
  }

  /** The member is idle or finished: it no longer holds the group back. */
  void withdraw(int slot) {
    write(slot, ABSENT);
  }

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private void write(int slot, long value) {
    SLOT.setRelease(slots, slot * STRIDE, value);
  }

  /** The lowest watermark of the members that take part, or {@link #ABSENT} when none does. */
  long lowest() {
    long[] s = slots;
    long min = ABSENT;
    for (int i = 0; i < s.length; i += STRIDE) {
      min = Math.min(min, (long) SLOT.getAcquire(s, i));
    }
    return min;
  }

  @Override
  public String toString() {
    return "watermark alignment group '" + name + "'";
  }
}
