package io.spry.api.functions;

import io.spry.api.annotation.Public;

/**
 * Time as a function sees it, and timers for the current key.
 *
 * <p>There is one timer per (key, timestamp, domain): registering it twice fires it once.
 */
@Public
public interface TimerService {

  /** The current processing time, from the job's clock. */
  long currentProcessingTime();

  /** The current event-time watermark of this operator. */
  long currentWatermark();

  /** Fires {@code onTimer} when processing time reaches {@code time}. Keyed streams only. */
  void registerProcessingTimeTimer(long time);

  /** Fires {@code onTimer} when the watermark reaches {@code time}. Keyed streams only. */
  void registerEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);
}
