package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.TimerService;

/** {@code process(ProcessFunction)}. */
public final class ProcessOperator<IN, OUT> extends UdfOperator<ProcessFunction<IN, OUT>, OUT>
    implements OneInputOperator<IN> {
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    ctx = new ContextImpl(function, new SimpleTimerService(this));
    super.open();
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    ctx.timestamp = timestamp;
    function.processElement(value, ctx, collector);
  }

  private final class ContextImpl extends ProcessFunction<IN, OUT>.Context {
    private final TimerService timers;
    long timestamp;

    ContextImpl(ProcessFunction<IN, OUT> f, TimerService timers) {
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
  }
}
