package io.spry.runtime.operator;

import io.spry.api.functions.Function;
import io.spry.api.functions.TimeDomain;
import io.spry.runtime.operator.timer.Timer;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.operator.timer.VoidNamespace;

/**
 * Base of the keyed operators whose user functions have timers (keyed process, keyed co-process,
 * keyed broadcast process): owns the timer service and drives it. Event-time timers fire when a
 * watermark reaches them, before the watermark goes downstream; processing-time timers fire on the
 * task's turns once the clock reaches them.
 */
public abstract class KeyedTimersOperator<F extends Function, OUT> extends UdfOperator<F, OUT>
    implements TimerService.Triggerable<VoidNamespace> {
  /** The name of the timers in snapshots. */
  public static final String TIMERS = "timers";

  private TimerService<VoidNamespace> timers;

  /** The timer service user functions see. */
  protected io.spry.api.functions.TimerService userTimers;

  protected KeyedTimersOperator(F function) {
    super(function);
  }

  /** Creates the timer service; subclasses call it first in {@code open()}. */
  protected final void openTimers() {
    timers = TimerService.withoutNamespace(context.keyedBackend(), TIMERS, this);
    userTimers = new KeyedTimerService(this, timers);
  }

  @Override
  public final void processWatermark(long watermark) throws Exception {
    advanceWatermarkThenForward(watermark);
  }

  @Override
  protected final boolean fireDueTimers(long watermark, int budget) throws Exception {
    return timers.advanceWatermark(watermark, budget);
  }

  @Override
  public final boolean wantsProcessingTimeTicks() {
    return true;
  }

  @Override
  public final void onProcessingTime(long nowMillis) throws Exception {
    if (timers.nextProcessingTime() <= nowMillis) {
      timers.advanceProcessingTime(nowMillis);
    }
  }

  @Override
  public final void onEventTime(Timer<Object, VoidNamespace> timer) throws Exception {
    onTimer(timer.timestamp(), TimeDomain.EVENT_TIME);
  }

  @Override
  public final void onProcessingTime(Timer<Object, VoidNamespace> timer) throws Exception {
    onTimer(timer.timestamp(), TimeDomain.PROCESSING_TIME);
  }

  /**
   * A timer fired, with the key context set to its key. Output of an event-time timer carries its
   * time; output of a processing-time timer has no timestamp.
   */
  protected abstract void onTimer(long time, TimeDomain domain) throws Exception;

  /** Registered timers of both domains, for tests. */
  public final int numTimers() {
    return timers.numEventTimeTimers() + timers.numProcessingTimeTimers();
  }
}
