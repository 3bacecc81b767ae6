package io.spry.testkit;

import io.spry.api.OutputTag;
import io.spry.runtime.exchange.ControlEvent;
import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.exchange.SpscRing;
import io.spry.runtime.exchange.Watermark;
import io.spry.runtime.operator.WriterOutput;
import java.util.List;

/**
 * The hostile output: everything the operator emits goes through the runtime's {@link WriterOutput}
 * and {@link RecordWriter} into the smallest {@link SpscRing} there is, which the harness drains
 * only between inputs. An operator that emits more than the ring holds for one input fills the
 * writer's overflow, exactly as a task does whose consumer is slow.
 *
 * <p>Draining takes one slot at a time and flushes the writer after each, so overflow moves into
 * the ring one record at a time. Side-output records travel in the same ring, wrapped, so their
 * order relative to the main output and the watermarks is kept.
 */
final class QueuedOutput implements HarnessOutput {
  /** The capacity asked of the ring; {@link SpscRing} rounds it to its smallest size. */
  static final int REQUESTED_CAPACITY = 2;

  private final OutputBuffer buffer;
  private final SpscRing ring;
  private final RecordWriter writer;
  private final WriterOutput<Object> out;
  private int blockedFlushes;

  QueuedOutput(OutputBuffer buffer, String taskName) {
    this.buffer = buffer;
    this.ring = new SpscRing(REQUESTED_CAPACITY, taskName + " -> harness");
    this.writer = new RecordWriter("harness output", new SpscRing[] {ring}, record -> 0);
    this.out = new WriterOutput<>(writer, "harness output", taskName);
  }

  /** A side-output record on its way through the ring. */
  private record SideRecord(String tagId, Object value) {}

  @Override
  public void collect(Object record, long timestamp) {
    out.collect(record, timestamp);
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    out.collect(new SideRecord(tag.getId(), record), timestamp);
  }

  @Override
  public void emitWatermark(long watermark) {
    out.emitWatermark(watermark);
  }

  @Override
  public void drain() {
    while (true) {
      boolean flushed = writer.flush();
      if (!flushed) {
        blockedFlushes++;
      }
      if (ring.available() == 0) {
        if (flushed) {
          return;
        }
        throw new IllegalStateException(
            "The record writer holds records but the harness queue is empty: " + writer);
      }
      take(ring.item(0), ring.timestamp(0));
      ring.release(1);
    }
  }

  private void take(Object item, long timestamp) {
    if (item instanceof SideRecord s) {
      buffer.sideRecord(s.tagId(), s.value(), timestamp);
    } else if (item instanceof Watermark w) {
      buffer.watermark(w.timestamp());
    } else if (!(item instanceof ControlEvent)) {
      buffer.record(item, timestamp);
    }
    // Other control events (end of input, idleness) concern a consuming task, not the test.
  }

  @Override
  public List<RecordWriter> writers() {
    return List.of(writer);
  }

  /** How often a flush found the ring full and left records in the writer's overflow. */
  int blockedFlushes() {
    return blockedFlushes;
  }

  /** The number of slots of the ring. */
  int queueCapacity() {
    return ring.capacity();
  }
}
