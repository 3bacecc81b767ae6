package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.TimerService;

/** {@code connect(...).keyBy(...).process(KeyedCoProcessFunction)}. */
public final class KeyedCoProcessOperator<K, I1, I2, O>
    extends UdfOperator<KeyedCoProcessFunction<K, I1, I2, O>, O>
    implements TwoInputOperator<I1, I2> {
  private TimestampedCollector<O> collector;
  private ContextImpl ctx;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<K, I1, I2, O> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    ctx = new ContextImpl(function, new SimpleTimerService(this));
    super.open();
  }

  @Override
  public void processElement1(I1 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    ctx.timestamp = timestamp;
    function.processElement1(value, ctx, collector);
  }

  @Override
  public void processElement2(I2 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    ctx.timestamp = timestamp;
    function.processElement2(value, ctx, collector);
  }

  private final class ContextImpl extends KeyedCoProcessFunction<K, I1, I2, O>.Context {
    private final TimerService timers;
    long timestamp;

    ContextImpl(KeyedCoProcessFunction<K, I1, I2, O> f, TimerService timers) {
      f.super();
      this.timers = timers;
    }

    @Override
    public Long timestamp() {
      return timestamp == Long.MIN_VALUE ? null : timestamp;
    }

    @Override
    public TimerService timerService() {
      return timers;
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) context.keyedBackend().getCurrentKey();
    }
  }
}
