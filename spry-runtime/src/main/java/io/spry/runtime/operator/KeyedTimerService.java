package io.spry.runtime.operator;

import io.spry.api.functions.TimerService;
import io.spry.runtime.operator.timer.VoidNamespace;

/** The {@link TimerService} user functions see on a keyed stream: timers for the current key. */
public final class KeyedTimerService implements TimerService {
  private final StreamOperator<?> operator;
  private final io.spry.runtime.operator.timer.TimerService<VoidNamespace> timers;

  public KeyedTimerService(
      StreamOperator<?> operator,
      io.spry.runtime.operator.timer.TimerService<VoidNamespace> timers) {
    this.operator = operator;
    this.timers = timers;
  }

  @Override
  public long currentProcessingTime() {
    return operator.getContext().clock().millis();
  }

  @Override
  public long currentWatermark() {
    return operator.currentWatermark();
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
  }
}
