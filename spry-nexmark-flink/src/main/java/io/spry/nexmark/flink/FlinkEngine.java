package io.spry.nexmark.flink;

import io.spry.nexmark.Query;
import io.spry.nexmark.QueryResult;
import io.spry.nexmark.bench.Engine;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.latency.LatencyRun;
import io.spry.nexmark.model.Event;
import io.spry.nexmark.source.NexmarkSource;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The Nexmark queries on Apache Flink, in a {@link MiniCluster} in this JVM: one task manager with
 * as many slots as the parallelism, started on the first run and kept until {@link #close()}, so a
 * warm-up run and the measured run share it and the measured run does not pay for its start.
 *
 * <p>The best single-machine configuration we know: object reuse on (chained operators pass records
 * by reference), the heap state backend, no checkpoints, no Kryo fallback (every type has a Flink
 * serializer: the model and result records are analysed as POJOs), the same 4 s
 * bounded-out-of-orderness watermarks as Spry.
 *
 * <p>In the latency mode ({@link #runLatency}) the source is paced like Spry's, the watermarks are
 * punctuated like Spry's, and network buffers are flushed after at most {@link
 * #latencyBufferTimeoutMillis()} (Flink's default is 100 ms; Spry publishes at the end of every
 * turn).
 */
public final class FlinkEngine implements Engine {
  /** Nexmark's watermark delay, the same as Spry's {@code NexmarkSource.OUT_OF_ORDERNESS}. */
  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(4);

  /** The system property that sets {@link #latencyBufferTimeoutMillis()}. */
  static final String BUFFER_TIMEOUT_PROPERTY = "nexmark.flink.bufferTimeoutMillis";

  /** Flink's watermark alignment update interval in ms, when alignment is on. */
  static final String ALIGNMENT_INTERVAL_PROPERTY = "nexmark.flink.alignmentIntervalMillis";

  static final long DEFAULT_ALIGNMENT_INTERVAL_MILLIS = 1000; // Flink's own default, its best here

  /** The source of throughput runs. */
  enum SourceApi {
    /** {@link NexmarkSourceFunction}: the legacy {@code SourceFunction} API. */
    FUNCTION,
    /** {@link NexmarkFlinkSource}: the current {@code Source} API (FLIP-27). */
    FLIP27;

    /** The one the system property {@value #PROPERTY} names; {@link #FUNCTION} by default. */
    static SourceApi fromSystemProperty() {
      String name = System.getProperty(PROPERTY, "function");
      return switch (name) {
        case "function" -> FUNCTION;
        case "flip27" -> FLIP27;
        default ->
            throw new IllegalArgumentException(
                "The system property " + PROPERTY + " must be function or flip27, not " + name);
      };
    }

    /** The system property that picks the source of throughput runs. */
    static final String PROPERTY = "nexmark.flink.source";
  }

  private final SourceApi sourceApi;
  private MiniCluster cluster;
  private int slots;

  /**
   * An engine whose throughput runs read the source the system property {@value SourceApi#PROPERTY}
   * names.
   */
  public FlinkEngine() {
    this(SourceApi.fromSystemProperty());
  }

  FlinkEngine(SourceApi sourceApi) {
    this.sourceApi = sourceApi;
  }

  @Override
  public QueryResult run(Query query, GeneratorConfig config, int parallelism) throws Exception {
    StreamExecutionEnvironment env = environment(parallelism);
    DataStream<Event> events = events(env, config, sourceApi);
    return execute(env, query, events, new ResultSinkFunction(query, null), parallelism);
  }

  @Override
  public QueryResult runLatency(LatencyRun run, int parallelism) throws Exception {
    StreamExecutionEnvironment env = environment(parallelism);
    env.setBufferTimeout(latencyBufferTimeoutMillis());
    DataStream<Event> events =
        env.addSource(
                new NexmarkSourceFunction(run.config(), run.id()),
                "nexmark",
                TypeInformation.of(Event.class))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Event>forGenerator(
                        ctx -> new PunctuatedBoundedOutOfOrderness<>(OUT_OF_ORDERNESS))
                    .withTimestampAssigner((event, previous) -> event.dateTime()))
            .name("timestamps");
    return execute(
        env, run.query(), events, new ResultSinkFunction(run.query(), run.id()), parallelism);
  }

  /**
   * How long Flink may hold a partly filled network buffer in the latency mode: the system property
   * {@value #BUFFER_TIMEOUT_PROPERTY}, default 1 ms.
   */
  static long latencyBufferTimeoutMillis() {
    return Long.getLong(BUFFER_TIMEOUT_PROPERTY, 1L);
  }

  private QueryResult execute(
      StreamExecutionEnvironment env,
      Query query,
      DataStream<Event> events,
      ResultSinkFunction sink,
      int parallelism)
      throws Exception {
    @SuppressWarnings("unchecked")
    DataStream<Object> out = (DataStream<Object>) FlinkQueries.build(query, events);
    out.addSink(sink).name("result");
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName("nexmark " + query.name().toLowerCase(java.util.Locale.ROOT));
    JobGraph job = graph.getJobGraph();
    JobExecutionResult result = cluster(parallelism).executeJobBlocking(job);
    return new QueryResult(
        result.<Long>getAccumulatorResult(ResultSinkFunction.ROWS),
        result.<Long>getAccumulatorResult(ResultSinkFunction.CHECKSUM));
  }

  /** The job's environment: only used to build the job graph, which the mini cluster runs. */
  static StreamExecutionEnvironment environment(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    return env;
  }

  /**
   * How often Flink's sources report their watermarks to the coordinator and hear the group's
   * lowest, with alignment on: the system property {@value #ALIGNMENT_INTERVAL_PROPERTY} in ms,
   * default {@value #DEFAULT_ALIGNMENT_INTERVAL_MILLIS}.
   */
  static Duration alignmentUpdateInterval() {
    return Duration.ofMillis(
        Long.getLong(ALIGNMENT_INTERVAL_PROPERTY, DEFAULT_ALIGNMENT_INTERVAL_MILLIS));
  }

  /** The Nexmark events with timestamps and 4 s bounded-out-of-orderness watermarks. */
  static DataStream<Event> events(
      StreamExecutionEnvironment env, GeneratorConfig config, SourceApi sourceApi) {
    WatermarkStrategy<Event> watermarks =
        WatermarkStrategy.<Event>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
            .withTimestampAssigner((event, previous) -> event.dateTime());
    Duration drift = NexmarkSource.alignment();
    if (drift != null) {
      watermarks =
          watermarks.withWatermarkAlignment(
              NexmarkSource.ALIGNMENT_GROUP, drift, alignmentUpdateInterval());
    }
    // Flink aligns only sources of its current API: the legacy source function cannot pause.
    SourceApi api = drift != null ? SourceApi.FLIP27 : sourceApi;
    return switch (api) {
      case FLIP27 ->
          env.fromSource(
              new NexmarkFlinkSource(config),
              watermarks,
              "nexmark",
              TypeInformation.of(Event.class));
      case FUNCTION ->
          env.addSource(
                  new NexmarkSourceFunction(config), "nexmark", TypeInformation.of(Event.class))
              .assignTimestampsAndWatermarks(watermarks)
              .name("timestamps");
    };
  }

  private MiniCluster cluster(int parallelism) throws Exception {
    if (cluster != null && slots < parallelism) {
      close();
    }
    if (cluster == null) {
      Configuration settings = new Configuration();
      settings.set(RestOptions.BIND_PORT, "0"); // any free port: not 8081, which may be taken
      MiniClusterConfiguration conf =
          new MiniClusterConfiguration.Builder()
              .setConfiguration(settings)
              .setNumTaskManagers(1)
              .setNumSlotsPerTaskManager(parallelism)
              .build();
      cluster = new MiniCluster(conf);
      cluster.start();
      slots = parallelism;
    }
    return cluster;
  }

  @Override
  public void close() throws Exception {
    if (cluster != null) {
      MiniCluster c = cluster;
      cluster = null;
      c.close();
    }
  }
}
