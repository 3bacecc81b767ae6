package io.spry.runtime.operator.join;

import io.spry.api.OutputTag;
import io.spry.api.functions.ProcessJoinFunction;
import io.spry.api.graph.IntervalJoinSpec;
import io.spry.api.metrics.Counter;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.types.DynamicTypeInfo;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.TwoInputOperator;
import io.spry.runtime.operator.UdfOperator;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The interval join. Per key, each side's elements wait in a buffer (map state from timestamp to
 * the elements at that timestamp). A new element is paired with every buffered element of the other
 * side within the bounds, then buffered itself until the watermark passes the last time a partner
 * could arrive: {@code t1 + upper} for a left element, {@code t2 - lower} for a right one, when an
 * event-time timer removes it. Elements behind the watermark are late: dropped and counted.
 */
public final class IntervalJoinOperator<K, T1, T2, OUT>
    extends UdfOperator<ProcessJoinFunction<T1, T2, OUT>, OUT> implements TwoInputOperator<T1, T2> {

  private final IntervalJoinSpec spec;
  private MapState<Long, List<T1>> leftBuffer;
  private MapState<Long, List<T2>> rightBuffer;
  private TimerService<Long> leftTimers;
  private TimerService<Long> rightTimers;
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private Counter lateDropped;

  @SuppressWarnings("unchecked")
  public IntervalJoinOperator(IntervalJoinSpec spec) {
    super((ProcessJoinFunction<T1, T2, OUT>) spec.function());
    this.spec = spec;
  }

  @Override
  public void open() throws Exception {
    leftBuffer = context.keyedBackend().getOrCreateState(bufferDescriptor("_interval_join_left"));
    rightBuffer = context.keyedBackend().getOrCreateState(bufferDescriptor("_interval_join_right"));
    // A cleanup timer's namespace is the buffer key it removes.
    leftTimers =
        new TimerService<>(
            context.keyedBackend(),
            "_interval_join_left_timers",
            Types.LONG,
            new Cleanup<>(() -> leftBuffer));
    rightTimers =
        new TimerService<>(
            context.keyedBackend(),
            "_interval_join_right_timers",
            Types.LONG,
            new Cleanup<>(() -> rightBuffer));
    collector = new TimestampedCollector<>(output);
    ctx = new ContextImpl(function);
    lateDropped = context.counters().counter("numLateRecordsDropped");
    super.open();
  }

  @Override
  public void processElement1(T1 value, long timestamp) throws Exception {
    if (isLate(timestamp)) {
      return;
    }
    add(leftBuffer, timestamp, value);
    for (Map.Entry<Long, List<T2>> e : rightBuffer.entries()) {
      long rightTs = e.getKey();
      if (spec.matches(timestamp, rightTs)) {
        for (T2 right : e.getValue()) {
          emit(value, right, timestamp, rightTs);
        }
      }
    }
    leftTimers.registerEventTimeTimer(timestamp, saturatingAdd(timestamp, spec.upper()));
  }

  @Override
  public void processElement2(T2 value, long timestamp) throws Exception {
    if (isLate(timestamp)) {
      return;
    }
    add(rightBuffer, timestamp, value);
    for (Map.Entry<Long, List<T1>> e : leftBuffer.entries()) {
      long leftTs = e.getKey();
      if (spec.matches(leftTs, timestamp)) {
        for (T1 left : e.getValue()) {
          emit(left, value, leftTs, timestamp);
        }
      }
    }
    rightTimers.registerEventTimeTimer(timestamp, saturatingAdd(timestamp, -spec.lower()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> MapStateDescriptor<Long, List<T>> bufferDescriptor(String name) {
    TypeInfo<List<T>> lists = (TypeInfo) new DynamicTypeInfo<>(List.class);
    return new MapStateDescriptor<>(name, Types.LONG, lists);
  }

  private boolean isLate(long timestamp) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(
          "The interval join '"
              + context.operatorName()
              + "' needs event timestamps, but a record has none: assign them with a"
              + " WatermarkStrategy (fromSource(..., strategy, ...) or"
              + " assignTimestampsAndWatermarks)");
    }
    long wm = currentWatermark();
    if (wm != Long.MIN_VALUE && timestamp < wm) {
      lateDropped.inc();
      return true;
    }
    return false;
  }

  private static <T> void add(MapState<Long, List<T>> buffer, long ts, T value) throws Exception {
    List<T> l = buffer.get(ts);
    if (l == null) {
      l = new ArrayList<>(2);
    }
    l.add(value);
    buffer.put(ts, l); // a backend that keeps bytes holds a copy: write it back
  }

  private void emit(T1 left, T2 right, long leftTs, long rightTs) throws Exception {
    long ts = Math.max(leftTs, rightTs);
    collector.setTimestamp(ts);
    ctx.left = leftTs;
    ctx.right = rightTs;
    function.processElement(left, right, ctx, collector);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    advanceWatermarkThenForward(watermark);
  }

  @Override
  protected boolean fireDueTimers(long watermark, int budget) throws Exception {
    return leftTimers.advanceWatermark(watermark, budget)
        && rightTimers.advanceWatermark(watermark, budget);
  }

  /** Removes a buffer entry when its cleanup timer fires. */
  private static final class Cleanup<T> implements TimerService.Triggerable<Long> {
    private final java.util.function.Supplier<MapState<Long, List<T>>> buffer;

    Cleanup(java.util.function.Supplier<MapState<Long, List<T>>> buffer) {
      this.buffer = buffer;
    }

    @Override
    public void onEventTime(Timer<Object, Long> timer) throws Exception {
      buffer.get().remove(timer.namespace());
    }

    @Override
    public void onProcessingTime(Timer<Object, Long> timer) {}
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return r;
  }

  /** Timers still registered, for tests that check cleanup. */
  public int numTimers() {
    return leftTimers.numEventTimeTimers() + rightTimers.numEventTimeTimers();
  }

  private final class ContextImpl extends ProcessJoinFunction<T1, T2, OUT>.Context {
    long left;
    long right;

    ContextImpl(ProcessJoinFunction<T1, T2, OUT> f) {
      f.super();
    }

    @Override
    public long getLeftTimestamp() {
      return left;
    }

    @Override
    public long getRightTimestamp() {
      return right;
    }

    @Override
    public long getTimestamp() {
      return Math.max(left, right);
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, Math.max(left, right));
    }
  }
}
