package io.spry.runtime.exchange;

import java.util.Arrays;

/**
 * The producing end of one edge in one subtask: routes each record to a channel ({@link SpscRing})
 * picked by the {@link ChannelSelector}.
 *
 * <p>When a channel is full the record goes to that channel's overflow queue, and so does every
 * later record for it, to keep order. The task must call {@link #flush()} after each batch and take
 * no new input while it returns false: so overflow holds at most what one batch produced, heap
 * stays bounded, and backpressure travels upstream. Only the owning task's thread uses a writer.
 */
public final class RecordWriter {
  private final SpscRing[] channels;
  private final ChannelSelector selector;
  private final Overflow[] overflow;
  private int pendingChannels;
  private final String name;

  public RecordWriter(String name, SpscRing[] channels, ChannelSelector selector) {
    this.name = name;
    this.channels = channels;
    this.selector = selector;
    this.overflow = new Overflow[channels.length];
    for (int i = 0; i < channels.length; i++) {
      overflow[i] = new Overflow();
    }
  }

  /** Routes a record to its channel. */
  public void emit(Object record, long timestamp) throws Exception {
    int c = selector.select(record);
    if (c >= 0) {
      write(c, record, timestamp);
    } else {
      for (int i = 0; i < channels.length; i++) {
        write(i, record, timestamp);
      }
    }
  }

  /** Sends a control event to every channel, in order with the records before it. */
  public void broadcastEvent(ControlEvent event) {
    for (int i = 0; i < channels.length; i++) {
      write(i, event, 0L);
    }
  }

  private void write(int c, Object item, long timestamp) {
    Overflow o = overflow[c];
    if (o.size == 0) {
      if (channels[c].offer(item, timestamp)) {
        return;
      }
      pendingChannels++;
    }
    o.add(item, timestamp);
  }

  /**
   * Publishes what was written and moves overflow into channels that have room.
   *
   * @return true when nothing is left waiting for room
   */
  public boolean flush() {
    SpscRing[] ch = channels;
    if (pendingChannels > 0) {
      for (int i = 0; i < ch.length; i++) {
        Overflow o = overflow[i];
        if (o.size > 0) {
          ch[i].publish();
          if (o.drainTo(ch[i])) {
            pendingChannels--;
          }
        }
      }
    }
    for (SpscRing r : ch) {
      r.publish();
    }
    return pendingChannels == 0;
  }

  public int numChannels() {
    return channels.length;
  }

  @Override
  public String toString() {
    return "RecordWriter(" + name + ", " + channels.length + " channels)";
  }

  /** A growable FIFO of (item, timestamp) pairs. */
  private static final class Overflow {
    private Object[] items = new Object[16];
    private long[] timestamps = new long[16];
    private int head;
    private int size;

    void add(Object item, long ts) {
      if (head + size == items.length) {
        if (head > 0) {
          System.arraycopy(items, head, items, 0, size);
          System.arraycopy(timestamps, head, timestamps, 0, size);
          Arrays.fill(items, size, head + size, null);
          head = 0;
        }
        if (size == items.length) {
          items = Arrays.copyOf(items, size * 2);
          timestamps = Arrays.copyOf(timestamps, size * 2);
        }
      }
      items[head + size] = item;
      timestamps[head + size] = ts;
      size++;
    }

    /** Moves items into the ring while it has room; true when empty. */
    boolean drainTo(SpscRing ring) {
      while (size > 0 && ring.offer(items[head], timestamps[head])) {
        items[head] = null;
        head++;
        size--;
      }
      ring.publish();
      if (size == 0) {
        head = 0;
        if (items.length > 1024) {
          items = new Object[16];
          timestamps = new long[16];
        }
        return true;
      }
      return false;
    }
  }
}
