package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;

/**
 * A process function on a keyed stream: keyed state and timers for the current key.
 *
 * @param <K> the key type
 * @param <I> the input type
 * @param <O> the output type
 */
@Public
public abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** Called when a timer registered through {@link Context#timerService()} fires. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

  /** What {@link #processElement} may see beside the record. Valid only during that call. */
  public abstract class Context {

    /** The record's event timestamp (or the timer's time in {@code onTimer}), or null. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> tag, X value);

    /** The key of the record being processed. */
    public abstract K getCurrentKey();
  }

  /** The context of {@link #onTimer}. */
  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}
