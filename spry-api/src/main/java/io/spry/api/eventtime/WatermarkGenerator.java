package io.spry.api.eventtime;

import io.spry.api.annotation.Public;

/**
 * Generates watermarks from the events of one input (a source split, or a stream). {@link
 * #onPeriodicEmit} is called at the job's watermark interval (default 200 ms of processing time),
 * and sooner once the subtask has passed on the job's {@code autoWatermarkRecords} records (default
 * 8192) since the last call; see {@link io.spry.api.JobConfig#getAutoWatermarkRecords()}.
 */
@Public
public interface WatermarkGenerator<T> {
  /** Sees every event; a punctuated generator emits here. */
  void onEvent(T event, long eventTimestamp, WatermarkOutput output);

  /** A periodic generator emits here. */
  void onPeriodicEmit(WatermarkOutput output);
}
