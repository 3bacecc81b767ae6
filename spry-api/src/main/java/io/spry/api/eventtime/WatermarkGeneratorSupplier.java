package io.spry.api.eventtime;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/** Makes a watermark generator per input. */
@Public
@FunctionalInterface
public interface WatermarkGeneratorSupplier<T> extends Serializable {
  WatermarkGenerator<T> createWatermarkGenerator();
}
