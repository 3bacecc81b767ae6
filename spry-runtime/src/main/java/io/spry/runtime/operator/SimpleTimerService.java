package io.spry.runtime.operator;

import io.spry.api.functions.TimerService;

/**
 * The time a function sees: processing time from the job's clock and the operator's watermark.
 * Timers are not available here yet: registering one fails with a message saying so. Keyed timers
 * (a priority queue per key group) replace this with event time and windows.
 */
final class SimpleTimerService implements TimerService {
  private final StreamOperator<?> operator;

  SimpleTimerService(StreamOperator<?> operator) {
    this.operator = operator;
  }

  @Override
  public long currentProcessingTime() {
    return operator.getContext().clock().millis();
  }

  @Override
  public long currentWatermark() {
    return operator.currentWatermark();
  }

  private UnsupportedOperationException unsupported() {
    OperatorContext c = operator.getContext();
    return new UnsupportedOperationException(
        (c.isKeyed()
                ? "Timers are not supported yet in this version of Spry"
                : "Timers need a keyed stream: call keyBy(...) before")
            + " ('"
            + c.operatorName()
            + "' at "
            + c.callSite()
            + ")");
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    throw unsupported();
  }
}
