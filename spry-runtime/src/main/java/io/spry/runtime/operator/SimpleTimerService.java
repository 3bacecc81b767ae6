package io.spry.runtime.operator;

import io.spry.api.functions.TimerService;

/**
 * The time a function on a non-keyed stream sees: processing time from the job's clock and the
 * operator's watermark. Timers belong to keys, so registering one here fails with a message that
 * says to key the stream.
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
                ? "Timers need a KeyedProcessFunction (or KeyedCoProcessFunction): use one for '"
                : "Timers need a keyed stream and a KeyedProcessFunction: call keyBy(...) before '")
            + c.operatorName()
            + "' (at "
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
