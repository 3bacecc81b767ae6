package io.spry.nexmark.source;

import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.types.TypeInfo;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.latency.WallClock;
import io.spry.nexmark.model.Event;
import java.time.Duration;
import java.util.Objects;

/**
 * Nexmark events as a Spry source: the {@link GeneratorConfig#splits() blocks} of the
 * configuration, block {@code i} read by subtask {@code i mod parallelism}, unthrottled, with event
 * timestamps. Readers are cooperative. The events do not depend on the parallelism: give the
 * configuration as many generators (blocks) as the largest parallelism you run with, or a multiple.
 *
 * <p>A {@linkplain #paced paced} source (the benchmark's latency mode) emits no event before the
 * {@link WallClock} reaches its timestamp, and reports the end of its emission to the {@link
 * LatencyRun}.
 *
 * <pre>{@code
 * DataStream<Event> events =
 *     env.fromSource(new NexmarkSource(config), NexmarkSource.watermarks(), "nexmark");
 * }</pre>
 */
public final class NexmarkSource implements Source<Event, NexmarkSplit> {
  private static final long serialVersionUID = 1L;

  /** The standard watermark delay of Nexmark: event time minus 4 seconds. */
  public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(4);

  private final GeneratorConfig config;
  private final String latencyRunId; // null: unpaced

  public NexmarkSource(GeneratorConfig config) {
    this(config, null);
  }

  private NexmarkSource(GeneratorConfig config, String latencyRunId) {
    this.config = Objects.requireNonNull(config, "config");
    this.latencyRunId = latencyRunId;
  }

  /**
   * The events of {@code run}'s configuration, each emitted when the {@link WallClock} reaches its
   * timestamp (and not before); the sources tell {@code run} when they emitted their last event.
   */
  public static NexmarkSource paced(LatencyRun run) {
    return new NexmarkSource(run.config(), run.id());
  }

  /** Bounded out-of-orderness of {@link #OUT_OF_ORDERNESS}, on the events' own timestamps. */
  public static WatermarkStrategy<Event> watermarks() {
    return WatermarkStrategy.forBoundedOutOfOrderness(OUT_OF_ORDERNESS);
  }

  /**
   * The system property that turns watermark alignment on in throughput runs, on both engines: the
   * maximum drift in milliseconds (unset: none). {@code spry bench nexmark --watermark-alignment}
   * sets it.
   */
  public static final String ALIGNMENT_PROPERTY = "nexmark.alignment";

  /** The alignment group of the Nexmark source in both engines. */
  public static final String ALIGNMENT_GROUP = "nexmark";

  /** The maximum drift {@link #ALIGNMENT_PROPERTY} asks for, or null for no alignment. */
  public static Duration alignment() {
    String v = System.getProperty(ALIGNMENT_PROPERTY);
    if (v == null) {
      return null;
    }
    try {
      long ms = Long.parseLong(v.trim());
      if (ms > 0) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + ALIGNMENT_PROPERTY + " must be a positive number of milliseconds, was '" + v + "'");
  }

  /**
   * {@link #watermarks()}, aligned in group {@link #ALIGNMENT_GROUP} when {@link #alignment()} asks
   * for it: the throughput runs' watermarks.
   */
  public static WatermarkStrategy<Event> benchmarkWatermarks() {
    Duration drift = alignment();
    WatermarkStrategy<Event> w = watermarks();
    return drift == null ? w : w.withWatermarkAlignment(ALIGNMENT_GROUP, drift);
  }

  /**
   * The same watermarks as {@link #watermarks()} (largest timestamp minus {@link #OUT_OF_ORDERNESS}
   * minus 1 ms), emitted as soon as an event moves them instead of periodically: the latency mode's
   * watermarks, so that no watermark interval delays a window.
   */
  public static WatermarkStrategy<Event> punctuatedWatermarks() {
    return WatermarkStrategy.forGenerator(
        () -> new PunctuatedBoundedOutOfOrderness<>(OUT_OF_ORDERNESS));
  }

  public GeneratorConfig config() {
    return config;
  }

  @Override
  public Boundedness getBoundedness() {
    return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NexmarkSplit> createEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context) {
    return new NexmarkSplitEnumerator(context, config.splits());
  }

  @Override
  public SourceReader<Event, NexmarkSplit> createReader(SourceReaderContext context) {
    return new NexmarkSourceReader(config, context, latencyRunId);
  }

  @Override
  public TypeInfo<Event> getProducedType() {
    return TypeInfo.of(Event.class);
  }
}
