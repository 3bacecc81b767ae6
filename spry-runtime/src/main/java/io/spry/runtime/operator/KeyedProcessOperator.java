package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.TimeDomain;
import io.spry.api.functions.TimerService;

/**
 * {@code keyBy(...).process(KeyedProcessFunction)}: keyed state and timers per key. Event-time
 * timers fire when the watermark reaches them, before the watermark goes downstream; their output
 * carries the timer's timestamp. Processing-time timers fire on the task's turns once the clock
 * reaches them; their output has no timestamp.
 */
public final class KeyedProcessOperator<K, IN, OUT>
    extends KeyedTimersOperator<KeyedProcessFunction<K, IN, OUT>, OUT>
    implements OneInputOperator<IN> {
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private OnTimerContextImpl timerCtx;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
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
  public void processElement(IN value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    ctx.timestamp = timestamp;
    function.processElement(value, ctx, collector);
  }

  @Override
  protected void onTimer(long time, TimeDomain domain) throws Exception {
    collector.setTimestamp(domain == TimeDomain.EVENT_TIME ? time : Long.MIN_VALUE);
    timerCtx.timestamp = time;
    timerCtx.domain = domain;
    function.onTimer(time, timerCtx, collector);
  }

  private final class ContextImpl extends KeyedProcessFunction<K, IN, OUT>.Context {
    private final TimerService timerService;
    long timestamp;

    ContextImpl(KeyedProcessFunction<K, IN, OUT> f, TimerService timerService) {
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

  private final class OnTimerContextImpl extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
    private final TimerService timerService;
    long timestamp;
    TimeDomain domain;

    OnTimerContextImpl(KeyedProcessFunction<K, IN, OUT> f, TimerService timerService) {
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
