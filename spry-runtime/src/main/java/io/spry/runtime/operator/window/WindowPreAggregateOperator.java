package io.spry.runtime.operator.window;

import io.spry.api.windowing.internal.WindowPreAggregation;
import io.spry.runtime.operator.OneInputOperator;
import io.spry.runtime.operator.StreamOperator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parallel half of a pre-aggregated {@code windowAll}: folds its subtask's records into one
 * accumulator per slice of the windows and emits each accumulator, stamped with its slice's last
 * millisecond, for the single window subtask to merge.
 *
 * <p>A slice is emitted when the watermark reaches its last millisecond, before that watermark is
 * forwarded: every window that holds the slice ends at or after it, so the window subtask, whose
 * watermark is the minimum of its inputs', has every partial of a window before the window fires. A
 * record whose slice was already emitted (late here, but maybe not there, where the watermark may
 * be behind) goes on at once as a partial of its own, in the place the record itself would have
 * had, so the window subtask decides about lateness exactly as it would for the record.
 *
 * <p>The operator keeps no state across checkpoints: before each barrier it emits every open slice
 * ({@link #prepareSnapshotPreBarrier}), so the partials are in the window subtask's state when it
 * takes its snapshot. It does the same when its input goes idle, since the window subtask then
 * leaves this input out of its watermark. Merging is associative, so a slice sent in several parts
 * gives the same window.
 *
 * @param <IN> the type of records
 */
public final class WindowPreAggregateOperator<IN> extends StreamOperator<Object>
    implements OneInputOperator<IN> {

  private final WindowPreAggregation spec;
  private final Slicing slicing;
  private final SliceFunction<IN> function;

  /** Open slices by start: few (the slices of the windows the watermark has not closed). */
  private final TreeMap<Long, Slot> slices = new TreeMap<>();

  // The slice of the last record: records come mostly in time order.
  private long cachedSlice = Long.MAX_VALUE;
  private long cachedSliceEnd = Long.MIN_VALUE;
  private boolean cachedInAnyWindow;
  private Slot cachedSlot;

  /** An open slice's accumulator. */
  private static final class Slot {
    Object accumulator;
  }

  @SuppressWarnings("unchecked")
  public WindowPreAggregateOperator(WindowPreAggregation spec) {
    this.spec = spec;
    this.slicing = Slicing.of(spec.assigner());
    if (slicing == null) {
      throw new IllegalArgumentException(
          "Pre-aggregation needs a tumbling or sliding event-time assigner, not "
              + spec.assigner());
    }
    this.function = (SliceFunction<IN>) SliceFunction.of(spec.contents());
    if (function == null) {
      throw new IllegalArgumentException(
          "Pre-aggregation needs reducing or aggregating window contents, not " + spec.contents());
    }
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    if (timestamp < cachedSlice || timestamp >= cachedSliceEnd) {
      locate(value, timestamp);
    }
    if (!cachedInAnyWindow) {
      return; // in a gap between windows (slide > size): in no window, as the window drops it
    }
    Slot slot = cachedSlot;
    if (slot == null) {
      // the watermark passed this slice: a partial of its own, where the record would have gone
      output.collect(function.add(value, null), lastMillisecond(cachedSlice));
      return;
    }
    slot.accumulator = function.add(value, slot.accumulator);
  }

  private void locate(IN value, long timestamp) {
    if (timestamp == Long.MIN_VALUE) {
      ((io.spry.api.windowing.assigners.WindowAssigner<Object, ?>) spec.assigner())
          .assignWindows(value, timestamp, null); // fails with the assigner's hint
    }
    long start = slicing.sliceStart(timestamp);
    cachedSlice = start;
    cachedSliceEnd = start + slicing.width();
    if (cachedSliceEnd < start) {
      cachedSliceEnd = Long.MAX_VALUE; // the last slice of time
    }
    long last = slicing.lastWindowStart(start);
    cachedInAnyWindow = slicing.inAnyWindow(start, last);
    if (lastMillisecond(start) <= currentWatermark()) {
      cachedSlot = null; // emitted already
    } else {
      cachedSlot = slices.computeIfAbsent(start, s -> new Slot());
    }
  }

  private long lastMillisecond(long sliceStart) {
    long end = sliceStart + slicing.width();
    return end < sliceStart ? Long.MAX_VALUE : end - 1;
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    setCurrentWatermark(watermark);
    while (!slices.isEmpty()) {
      Map.Entry<Long, Slot> first = slices.firstEntry();
      long last = lastMillisecond(first.getKey());
      if (last > watermark) {
        break;
      }
      slices.pollFirstEntry();
      emit(first.getValue(), last);
    }
    forget(); // the cached slice may have closed
    output.emitWatermark(watermark);
  }

  /**
   * An input that goes idle first sends its open slices: the window subtask leaves an idle input
   * out of its watermark, so it could fire their windows without them.
   */
  @Override
  public void processWatermarkStatus(boolean idle) throws Exception {
    if (idle) {
      flush();
    }
    super.processWatermarkStatus(idle);
  }

  /** Sends every open slice, so that the window subtask's snapshot holds them. */
  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
  }

  @Override
  public void finish() throws Exception {
    flush();
  }

  private void flush() {
    for (Map.Entry<Long, Slot> e : slices.entrySet()) {
      emit(e.getValue(), lastMillisecond(e.getKey()));
    }
    slices.clear();
    forget();
  }

  private void emit(Slot slot, long timestamp) {
    if (slot.accumulator != null) {
      output.collect(slot.accumulator, timestamp);
      slot.accumulator = null;
    }
  }

  private void forget() {
    cachedSlice = Long.MAX_VALUE;
    cachedSliceEnd = Long.MIN_VALUE;
    cachedSlot = null;
  }

  /** The number of open slices, for tests. */
  int openSlices() {
    return slices.size();
  }

  @Override
  public String toString() {
    return "WindowPreAggregate(" + spec.assigner() + ", " + function.function() + ")";
  }
}
