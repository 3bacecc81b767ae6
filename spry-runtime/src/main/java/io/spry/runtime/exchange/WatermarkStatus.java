package io.spry.runtime.exchange;

/**
 * The producing input became idle (it drops out of the consumer's watermark minimum) or active
 * again.
 */
public final class WatermarkStatus extends ControlEvent {
  public static final WatermarkStatus IDLE = new WatermarkStatus(true);
  public static final WatermarkStatus ACTIVE = new WatermarkStatus(false);

  private final boolean idle;

  private WatermarkStatus(boolean idle) {
    this.idle = idle;
  }

  public boolean isIdle() {
    return idle;
  }

  @Override
  public String toString() {
    return idle ? "IDLE" : "ACTIVE";
  }
}
