package io.spry.api.eventtime;

import io.spry.api.annotation.Public;

/** Where a watermark generator emits. */
@Public
public interface WatermarkOutput {
  /** Emits a watermark; one that is not larger than the previous is ignored. */
  void emitWatermark(long watermark);

  /** This input has nothing to say for now: downstream ignores it when combining watermarks. */
  void markIdle();

  /** This input is active again. */
  void markActive();
}
