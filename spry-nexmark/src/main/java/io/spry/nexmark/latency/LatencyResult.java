package io.spry.nexmark.latency;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The latencies of a run (or of several runs merged): a histogram of the measured rows' latencies
 * in microseconds, and counts.
 *
 * @param micros the latencies in microseconds (3 significant digits); not to be changed
 * @param measured result rows measured (their trigger time was at or before the last event's)
 * @param atEnd result rows fired by the end of input, not measured
 * @param negative measured rows whose latency came out negative (kept out of the histogram); 0
 *     unless the clocks disagree
 * @param triggerSum the sum of the measured rows' trigger times in milliseconds, which depends on
 *     the query and the events only: equal runs of two engines give equal sums
 * @param achievedRate the input rate the sources achieved, in events per second
 */
public record LatencyResult(
    Histogram micros,
    long measured,
    long atEnd,
    long negative,
    long triggerSum,
    double achievedRate) {

  static Histogram newHistogram() {
    return new Histogram(3); // auto-resizing: any latency fits
  }

  /** The latency at {@code percentile} (0 to 100), in milliseconds; 0 when nothing was measured. */
  public double percentileMillis(double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return micros.getMaxValue() / 1000.0;
  }

  /**
   * Both results together: histograms and counts added; the achieved rate is the smaller of those
   * known (the runs are meant to have the same target rate).
   */
  public LatencyResult plus(LatencyResult other) {
    Histogram h = micros.copy();
    h.add(other.micros);
    return new LatencyResult(
        h,
        measured + other.measured,
        atEnd + other.atEnd,
        negative + other.negative,
        triggerSum + other.triggerSum,
        Double.isNaN(achievedRate)
            ? other.achievedRate
            : Double.isNaN(other.achievedRate)
                ? achievedRate
                : Math.min(achievedRate, other.achievedRate));
  }

  /** {@code p50 1.23 ms, p99 4.56 ms, p99.9 7.89 ms, max 8.00 ms}. */
  public String percentiles() {
    return String.format(
        Locale.ROOT,
        "p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms",
        millis(percentileMillis(50)),
        millis(percentileMillis(99)),
        millis(percentileMillis(99.9)),
        millis(maxMillis()));
  }

  /** A latency in ms, readable: 3 significant digits at least, whole ms from 100 up. */
  public static String millis(double ms) {
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%.0f", ms);
    } else if (ms >= 10) {
      return String.format(Locale.ROOT, "%.1f", ms);
    } else if (ms >= 1) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** The histogram, compressed and in Base64: one word for a wire line. */
  public String encodedHistogram() {
    ByteBuffer buffer = ByteBuffer.allocate(micros.getNeededByteBufferCapacity());
    int length = micros.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /** Reads {@link #encodedHistogram()}. */
  public static Histogram decodeHistogram(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an encoded latency histogram: " + base64, e);
    }
  }
}
