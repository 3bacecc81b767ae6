package io.spry.runtime.operator.timer;

import io.spry.runtime.state.KeyedStateBackend;

/**
 * Event-time and processing-time timers of a keyed operator, scoped to the backend's current key.
 * Timers fire in timestamp order: event-time ones when the watermark reaches them, processing-time
 * ones when the clock does; before each one fires the key context is set to the timer's key.
 *
 * @param <N> the namespace type (a window, or {@link VoidNamespace} for process functions)
 */
public final class TimerService<N> {

  /** What fires. */
  public interface Triggerable<N> {
    void onEventTime(Timer<Object, N> timer) throws Exception;

    void onProcessingTime(Timer<Object, N> timer) throws Exception;
  }

  private final KeyedStateBackend backend;
  private final Triggerable<N> target;
  private final TimerQueue<Object, N> eventTime = new TimerQueue<>();
  private final TimerQueue<Object, N> processingTime = new TimerQueue<>();
  private long watermark = Long.MIN_VALUE;

  public TimerService(KeyedStateBackend backend, Triggerable<N> target) {
    this.backend = backend;
    this.target = target;
  }

  public void registerEventTimeTimer(N namespace, long time) {
    Object key = backend.getCurrentKey();
    // windows re-register the same timer for every record: look it up without allocating
    if (!eventTime.contains(time, key, namespace)) {
      eventTime.add(new Timer<>(time, key, namespace));
    }
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    Object key = backend.getCurrentKey();
    if (!processingTime.contains(time, key, namespace)) {
      processingTime.add(new Timer<>(time, key, namespace));
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    eventTime.remove(new Timer<>(time, backend.getCurrentKey(), namespace));
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTime.remove(new Timer<>(time, backend.getCurrentKey(), namespace));
  }

  /** Fires every event-time timer at or before {@code watermark}, in order. */
  public void advanceWatermark(long watermark) throws Exception {
    advanceWatermark(watermark, Integer.MAX_VALUE);
  }

  /**
   * Fires up to {@code budget} event-time timers at or before {@code watermark}, in order.
   *
   * @return true when no due timer is left; false when the budget ran out first
   */
  public boolean advanceWatermark(long watermark, int budget) throws Exception {
    this.watermark = watermark;
    Timer<Object, N> t;
    for (int fired = 0; fired < budget; fired++) {
      if ((t = eventTime.pollDue(watermark)) == null) {
        return true;
      }
      backend.setCurrentKey(t.key());
      target.onEventTime(t);
    }
    Timer<Object, N> next = eventTime.peek();
    return next == null || next.timestamp() > watermark;
  }

  /** Fires every processing-time timer at or before {@code now}, in order. */
  public void advanceProcessingTime(long now) throws Exception {
    Timer<Object, N> t;
    while ((t = processingTime.pollDue(now)) != null) {
      backend.setCurrentKey(t.key());
      target.onProcessingTime(t);
    }
  }

  public long currentWatermark() {
    return watermark;
  }

  public int numEventTimeTimers() {
    return eventTime.size();
  }

  public int numProcessingTimeTimers() {
    return processingTime.size();
  }

  /** The earliest processing-time timer, or {@code Long.MAX_VALUE}. */
  public long nextProcessingTime() {
    Timer<Object, N> t = processingTime.peek();
    return t == null ? Long.MAX_VALUE : t.timestamp();
  }
}
