package io.spry.runtime.operator.broadcast;

import io.spry.api.OutputTag;
import io.spry.api.functions.BroadcastProcessFunction;
import io.spry.api.graph.BroadcastSpec;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.TwoInputOperator;
import io.spry.runtime.operator.UdfOperator;

/**
 * {@code stream.connect(broadcastStream).process(BroadcastProcessFunction)}. Input 2 is broadcast.
 */
public final class BroadcastProcessOperator<IN1, IN2, OUT>
    extends UdfOperator<BroadcastProcessFunction<IN1, IN2, OUT>, OUT>
    implements TwoInputOperator<IN1, IN2> {
  private final BroadcastSpec spec;
  private BroadcastStates states;
  private TimestampedCollector<OUT> collector;
  private ReadOnlyCtx readOnlyCtx;
  private Ctx ctx;

  @SuppressWarnings("unchecked")
  public BroadcastProcessOperator(BroadcastSpec spec) {
    super((BroadcastProcessFunction<IN1, IN2, OUT>) spec.function());
    this.spec = spec;
  }

  @Override
  public void open() throws Exception {
    states = new BroadcastStates(spec.descriptors(), context.operatorName(), operatorStates());
    collector = new TimestampedCollector<>(output);
    readOnlyCtx = new ReadOnlyCtx(function);
    ctx = new Ctx(function);
    super.open();
  }

  @Override
  public void processElement1(IN1 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    readOnlyCtx.timestamp = timestamp;
    function.processElement(value, readOnlyCtx, collector);
  }

  @Override
  public void processElement2(IN2 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    ctx.timestamp = timestamp;
    function.processBroadcastElement(value, ctx, collector);
  }

  private Long ts(long t) {
    return t == Long.MIN_VALUE ? null : t;
  }

  private final class ReadOnlyCtx extends BroadcastProcessFunction<IN1, IN2, OUT>.ReadOnlyContext {
    long timestamp;

    ReadOnlyCtx(BroadcastProcessFunction<IN1, IN2, OUT> f) {
      f.super();
    }

    @Override
    public <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> d) {
      return states.getReadOnly(d);
    }

    @Override
    public Long timestamp() {
      return ts(timestamp);
    }

    @Override
    public long currentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long currentWatermark() {
      return BroadcastProcessOperator.this.currentWatermark();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }
  }

  private final class Ctx extends BroadcastProcessFunction<IN1, IN2, OUT>.Context {
    long timestamp;

    Ctx(BroadcastProcessFunction<IN1, IN2, OUT> f) {
      f.super();
    }

    @Override
    public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> d) {
      return states.get(d);
    }

    @Override
    public Long timestamp() {
      return ts(timestamp);
    }

    @Override
    public long currentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long currentWatermark() {
      return BroadcastProcessOperator.this.currentWatermark();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }
  }
}
