package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.TimeDomain;
import io.spry.api.functions.TimerService;

/**
 * {@code connect(...).keyBy(...).process(KeyedCoProcessFunction)}: keyed state shared by both
 * inputs, and timers, as in {@link KeyedProcessOperator}.
 */
public final class KeyedCoProcessOperator<K, I1, I2, O>
    extends KeyedTimersOperator<KeyedCoProcessFunction<K, I1, I2, O>, O>
    implements TwoInputOperator<I1, I2> {
  private TimestampedCollector<O> collector;
  private ContextImpl ctx;
  private OnTimerContextImpl timerCtx;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<K, I1, I2, O> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    openTimers();
    collector = new TimestampedCollector<>(output);
    ctx = new ContextImpl(function, userTimers);
    timerCtx = new OnTimerContextImpl(function, userTimers);
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

  @Override
  protected void onTimer(long time, TimeDomain domain) throws Exception {
    collector.setTimestamp(domain == TimeDomain.EVENT_TIME ? time : Long.MIN_VALUE);
    timerCtx.timestamp = time;
    timerCtx.domain = domain;
    function.onTimer(time, timerCtx, collector);
  }

  private final class ContextImpl extends KeyedCoProcessFunction<K, I1, I2, O>.Context {
    private final TimerService timerService;
    long timestamp;

    ContextImpl(KeyedCoProcessFunction<K, I1, I2, O> f, TimerService timerService) {
      f.super();
      this.timerService = timerService;
    }

    @Override
    public Long timestamp() {
      return timestamp == Long.MIN_VALUE ? null : timestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
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

  private final class OnTimerContextImpl
      extends KeyedCoProcessFunction<K, I1, I2, O>.OnTimerContext {
    private final TimerService timerService;
    long timestamp;
    TimeDomain domain;

    OnTimerContextImpl(KeyedCoProcessFunction<K, I1, I2, O> f, TimerService timerService) {
      f.super();
      this.timerService = timerService;
    }

    @Override
    public Long timestamp() {
      return timestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, domain == TimeDomain.EVENT_TIME ? timestamp : Long.MIN_VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) context.keyedBackend().getCurrentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return domain;
    }
  }
}
