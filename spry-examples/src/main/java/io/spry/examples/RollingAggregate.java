package io.spry.examples;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.datagen.GeneratorFunction;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.FilterFunction;
import io.spry.api.types.TypeInfo;
import java.util.List;
import java.util.Locale;

/**
 * Keeps running statistics (count, sum, min, max) per sensor over generated sensor readings.
 *
 * <p>Reading {@code i} comes from sensor {@code i % sensors} and its value (0 to 999) is a hash of
 * {@code i}: the data is a pure function of the index, so every run sees the same readings and ends
 * with the same totals, whatever the parallelism. The statistics are a rolling {@code reduce} per
 * sensor; a sensor's statistics are printed after every {@code --report-every} readings of that
 * sensor and after its last reading.
 *
 * <pre>
 * spry run rolling-aggregate --events 1000000 --sensors 4 --report-every 50000
 * spry run rolling-aggregate --rate 1000       # 1000 readings a second, in total
 * </pre>
 */
public final class RollingAggregate implements Example {
  public static final String EVENTS = "events";
  public static final String SENSORS = "sensors";
  public static final String RATE = "rate";
  public static final String REPORT_EVERY = "report-every";

  public static final long DEFAULT_EVENTS = 100_000;
  public static final int DEFAULT_SENSORS = 10;
  public static final long DEFAULT_REPORT_EVERY = 1_000;

  /** One reading of a sensor. */
  public record Reading(int sensor, int value) {}

  /** The statistics of a sensor's readings so far. */
  public record SensorStats(int sensor, long count, long sum, int min, int max) {

    /** The statistics of one reading. */
    public static SensorStats of(Reading r) {
      return new SensorStats(r.sensor(), 1, r.value(), r.value(), r.value());
    }

    /** The statistics of both this and {@code other}'s readings (of the same sensor). */
    public SensorStats merge(SensorStats other) {
      return new SensorStats(
          sensor,
          count + other.count,
          sum + other.sum,
          Math.min(min, other.min),
          Math.max(max, other.max));
    }

    public double mean() {
      return count == 0 ? 0 : (double) sum / count;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "sensor-%d count=%d sum=%d min=%d max=%d mean=%.2f",
          sensor,
          count,
          sum,
          min,
          max,
          mean());
    }
  }

  /**
   * Reading {@code index}: sensor {@code index % sensors}, value a hash of the index in [0, 999].
   */
  public static final class ReadingGenerator implements GeneratorFunction<Reading> {
    private static final long serialVersionUID = 1L;
    private final int sensors;

    public ReadingGenerator(int sensors) {
      if (sensors < 1) {
        throw new IllegalArgumentException("sensors must be at least 1, was " + sensors);
      }
      this.sensors = sensors;
    }

    @Override
    public Reading map(long index) {
      return new Reading((int) (index % sensors), (int) Long.remainderUnsigned(mix(index), 1000));
    }

    /**
     * A 64-bit bit mixer (the finalizer of SplitMix64): neighbouring indices get unrelated bits.
     */
    static long mix(long x) {
      long z = x + 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }

  /** Passes a sensor's statistics after every n-th reading of it and after its last one. */
  static final class ReportFilter implements FilterFunction<SensorStats> {
    private static final long serialVersionUID = 1L;
    private final long every;
    private final long events;
    private final int sensors;

    ReportFilter(long every, long events, int sensors) {
      this.every = every;
      this.events = events;
      this.sensors = sensors;
    }

    @Override
    public boolean filter(SensorStats s) {
      return s.count() % every == 0 || s.count() == readingsOf(s.sensor(), events, sensors);
    }
  }

  /** How many of {@code events} readings come from {@code sensor}. */
  public static long readingsOf(int sensor, long events, int sensors) {
    return events / sensors + (sensor < events % sensors ? 1 : 0);
  }

  @Override
  public String name() {
    return "rolling-aggregate";
  }

  @Override
  public String description() {
    return "Running count/sum/min/max per sensor over generated readings (reproducible)";
  }

  @Override
  public List<ExampleOption> options() {
    return List.of(
        new ExampleOption(
            EVENTS, "<n>", "number of readings to generate", Long.toString(DEFAULT_EVENTS)),
        new ExampleOption(
            SENSORS, "<n>", "number of sensors (keys)", Integer.toString(DEFAULT_SENSORS)),
        new ExampleOption(
            RATE, "<per-second>", "readings per second in total, 0 for no limit", "0"),
        new ExampleOption(
            REPORT_EVERY,
            "<n>",
            "print a sensor's statistics every n of its readings (and after its last)",
            Long.toString(DEFAULT_REPORT_EVERY)));
  }

  @Override
  public DataStream<SensorStats> build(StreamEnvironment env, ExampleArgs args) {
    long events = args.getLong(EVENTS, DEFAULT_EVENTS);
    int sensors = args.getInt(SENSORS, DEFAULT_SENSORS);
    double rate = args.getDouble(RATE, 0);
    long every = args.getLong(REPORT_EVERY, DEFAULT_REPORT_EVERY);
    if (events < 0 || events == DataGeneratorSource.UNBOUNDED) {
      throw new ExampleUsageException("--events must be in [0, " + (Long.MAX_VALUE - 1) + "]");
    }
    if (sensors < 1) {
      throw new ExampleUsageException("--sensors must be at least 1, was " + sensors);
    }
    if (Double.isNaN(rate) || rate < 0) {
      throw new ExampleUsageException("--rate must be 0 (no limit) or positive, was " + rate);
    }
    if (every < 1) {
      throw new ExampleUsageException("--report-every must be at least 1, was " + every);
    }
    DataGeneratorSource<Reading> source =
        new DataGeneratorSource<>(
            new ReadingGenerator(sensors), events, rate, TypeInfo.of(Reading.class));
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "sensor readings")
        .map(SensorStats::of)
        .returns(SensorStats.class)
        .name("to stats")
        .keyBy(SensorStats::sensor)
        .reduce(SensorStats::merge)
        .name("running stats")
        .filter(new ReportFilter(every, events, sensors))
        .name("report");
  }

  public static void main(String[] args) {
    Examples.main(new RollingAggregate(), args);
  }
}
