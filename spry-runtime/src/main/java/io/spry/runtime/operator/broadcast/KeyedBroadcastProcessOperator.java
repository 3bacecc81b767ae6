package io.spry.runtime.operator.broadcast;

import io.spry.api.OutputTag;
import io.spry.api.functions.KeyedBroadcastProcessFunction;
import io.spry.api.functions.KeyedStateFunction;
import io.spry.api.functions.TimeDomain;
import io.spry.api.functions.TimerService;
import io.spry.api.graph.BroadcastSpec;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.runtime.operator.KeyedTimersOperator;
import io.spry.runtime.operator.TimestampedCollector;
import io.spry.runtime.operator.TwoInputOperator;

/**
 * {@code keyed.connect(broadcastStream).process(KeyedBroadcastProcessFunction)}: input 1 is keyed
 * (keyed state and timers), input 2 is broadcast (broadcast state, and {@code applyToKeyedState}
 * over every key).
 */
public final class KeyedBroadcastProcessOperator<K, IN1, IN2, OUT>
    extends KeyedTimersOperator<KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>, OUT>
    implements TwoInputOperator<IN1, IN2> {
  private final BroadcastSpec spec;
  private BroadcastStates states;
  private TimestampedCollector<OUT> collector;
  private ReadOnlyCtx readOnlyCtx;
  private TimerCtx timerCtx;
  private Ctx ctx;

  @SuppressWarnings("unchecked")
  public KeyedBroadcastProcessOperator(BroadcastSpec spec) {
    super((KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>) spec.function());
    this.spec = spec;
  }

  @Override
  public void open() throws Exception {
    openTimers();
    states = new BroadcastStates(spec.descriptors(), context.operatorName(), operatorStates());
    collector = new TimestampedCollector<>(output);
    readOnlyCtx = new ReadOnlyCtx(function, userTimers);
    timerCtx = new TimerCtx(function, userTimers);
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

  @Override
  protected void onTimer(long time, TimeDomain domain) throws Exception {
    collector.setTimestamp(domain == TimeDomain.EVENT_TIME ? time : Long.MIN_VALUE);
    timerCtx.timestamp = time;
    timerCtx.domain = domain;
    function.onTimer(time, timerCtx, collector);
  }

  private static Long ts(long t) {
    return t == Long.MIN_VALUE ? null : t;
  }

  private final class ReadOnlyCtx
      extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.ReadOnlyContext {
    private final TimerService timerService;
    long timestamp;

    ReadOnlyCtx(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> f, TimerService timerService) {
      f.super();
      this.timerService = timerService;
    }

    @Override
    public <K2, V> ReadOnlyBroadcastState<K2, V> getBroadcastState(MapStateDescriptor<K2, V> d) {
      return states.getReadOnly(d);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) context.keyedBackend().getCurrentKey();
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
      return KeyedBroadcastProcessOperator.this.currentWatermark();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }
  }

  private final class TimerCtx
      extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
    private final TimerService timerService;
    long timestamp;
    TimeDomain domain;

    TimerCtx(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> f, TimerService timerService) {
      f.super();
      this.timerService = timerService;
    }

    @Override
    public TimeDomain timeDomain() {
      return domain;
    }

    @Override
    public <K2, V> ReadOnlyBroadcastState<K2, V> getBroadcastState(MapStateDescriptor<K2, V> d) {
      return states.getReadOnly(d);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) context.keyedBackend().getCurrentKey();
    }

    @Override
    public Long timestamp() {
      return timestamp;
    }

    @Override
    public long currentProcessingTime() {
      return context.clock().millis();
    }

    @Override
    public long currentWatermark() {
      return KeyedBroadcastProcessOperator.this.currentWatermark();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, domain == TimeDomain.EVENT_TIME ? timestamp : Long.MIN_VALUE);
    }
  }

  private final class Ctx extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.Context {
    long timestamp;

    Ctx(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> f) {
      f.super();
    }

    @Override
    public <K2, V> BroadcastState<K2, V> getBroadcastState(MapStateDescriptor<K2, V> d) {
      return states.get(d);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends State, T> void applyToKeyedState(
        StateDescriptor<S, T> descriptor, KeyedStateFunction<K, S> fn) throws Exception {
      S state = context.keyedBackend().getOrCreateState(descriptor);
      context.keyedBackend().forEachKey(descriptor, key -> fn.process((K) key, state));
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
      return KeyedBroadcastProcessOperator.this.currentWatermark();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }
  }
}
