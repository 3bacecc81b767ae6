package io.spry.runtime.exchange;

/** Event time has reached {@code timestamp}: no record with a smaller timestamp should follow. */
public final class Watermark extends ControlEvent {
  public static final Watermark MAX = new Watermark(Long.MAX_VALUE);

  private final long timestamp;

  public Watermark(long timestamp) {
    this.timestamp = timestamp;
  }

  public long timestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "Watermark(" + (timestamp == Long.MAX_VALUE ? "MAX" : timestamp) + ")";
  }
}
