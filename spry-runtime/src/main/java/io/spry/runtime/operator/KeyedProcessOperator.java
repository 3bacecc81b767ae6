package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.TimeDomain;
import io.spry.api.functions.TimerService;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.VoidNamespace;

/**
 * {@code keyBy(...).process(KeyedProcessFunction)}: keyed state and timers per key. Event-time
 * timers fire when the watermark reaches them, before the watermark goes downstream; their output
 * carries the timer's timestamp. Processing-time timers fire on the task's turns once the clock
 * reaches them; their output has no timestamp.
 */
public final class KeyedProcessOperator<K, IN, OUT>
    extends UdfOperator<KeyedProcessFunction<K, IN, OUT>, OUT>
    implements OneInputOperator<IN>,
        io.spry.runtime.operator.timer.TimerService.Triggerable<VoidNamespace> {
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private OnTimerContextImpl timerCtx;
  private io.spry.runtime.operator.timer.TimerService<VoidNamespace> timers;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    timers = new io.spry.runtime.operator.timer.TimerService<>(context.keyedBackend(), this);
    TimerService userTimers = new KeyedTimerService(this, timers);
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
  public void processWatermark(long watermark) throws Exception {
    setCurrentWatermark(watermark);
    timers.advanceWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public boolean wantsProcessingTimeTicks() {
    return true;
  }

  @Override
  public void onProcessingTime(long nowMillis) throws Exception {
    if (timers.nextProcessingTime() <= nowMillis) {
      timers.advanceProcessingTime(nowMillis);
    }
  }

  @Override
  public void onEventTime(Timer<Object, VoidNamespace> timer) throws Exception {
    fire(timer.timestamp(), TimeDomain.EVENT_TIME, timer.timestamp());
  }

  @Override
  public void onProcessingTime(Timer<Object, VoidNamespace> timer) throws Exception {
    fire(timer.timestamp(), TimeDomain.PROCESSING_TIME, Long.MIN_VALUE);
  }

  private void fire(long time, TimeDomain domain, long outputTimestamp) throws Exception {
    collector.setTimestamp(outputTimestamp);
    timerCtx.timestamp = time;
    timerCtx.domain = domain;
    function.onTimer(time, timerCtx, collector);
  }

  /** Registered timers of both domains, for tests. */
  public int numTimers() {
    return timers.numEventTimeTimers() + timers.numProcessingTimeTimers();
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
