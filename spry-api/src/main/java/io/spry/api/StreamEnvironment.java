package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.connector.collection.CollectionSource;
import io.spry.api.connector.collection.NumberSequenceSource;
import io.spry.api.connector.file.FileSource;
import io.spry.api.connector.socket.SocketTextSource;
import io.spry.api.connector.source.Source;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.execution.JobExecutor;
import io.spry.api.execution.JobExecutorFactory;
import io.spry.api.execution.JobSpec;
import io.spry.api.functions.ParallelSourceFunction;
import io.spry.api.functions.SourceFunction;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.SourceFunctionTransformation;
import io.spry.api.graph.SourceTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.graph.UnionTransformation;
import io.spry.api.time.Clock;
import io.spry.api.types.InvalidTypesException;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Where a job starts: make sources, transform the streams, add sinks, then {@link #execute}.
 *
 * <pre>{@code
 * StreamEnvironment env = StreamEnvironment.create();
 * env.fromElements("a b", "b c")
 *     .flatMap((String line, Collector<String> out) -> { for (String w : line.split(" ")) out.collect(w); })
 *     .returns(String.class)
 *     .keyBy(w -> w)
 *     .map(w -> Tuple2.of(w, 1)).returns(Types.TUPLE(Types.STRING, Types.INT))
 *     .print();
 * env.execute("words");
 * }</pre>
 *
 * <p>By default a job runs embedded in this JVM with one subtask per core. Not thread-safe: build a
 * job from one thread.
 */
@Public
public final class StreamEnvironment {
  private final JobConfig config = new JobConfig();
  private final List<Transformation<?>> transformations = new ArrayList<>();
  private int nextId = 1;

  /** The stream of {@link #deadLetters()}, once asked for; its inputs are set at submission. */
  private UnionTransformation<DeadLetter> deadLetters;

  private StreamEnvironment() {}

  /** An environment that runs jobs embedded in this JVM. */
  public static StreamEnvironment create() {
    return new StreamEnvironment();
  }

  /** An embedded environment with the given default parallelism. */
  public static StreamEnvironment createLocal(int parallelism) {
    StreamEnvironment env = new StreamEnvironment();
    env.setParallelism(parallelism);
    return env;
  }

  /** The settings jobs of this environment get; {@code execute} takes a copy. */
  public JobConfig getConfig() {
    return config;
  }

  /**
   * Takes a checkpoint every {@code interval} (exactly-once mode); see {@link
   * #getCheckpointConfig()} for the other settings.
   */
  public StreamEnvironment enableCheckpointing(java.time.Duration interval) {
    config.getCheckpointConfig().setInterval(interval);
    return this;
  }

  public StreamEnvironment enableCheckpointing(
      java.time.Duration interval, io.spry.api.checkpoint.CheckpointingMode mode) {
    config.getCheckpointConfig().setInterval(interval).setMode(mode);
    return this;
  }

  public io.spry.api.checkpoint.CheckpointConfig getCheckpointConfig() {
    return config.getCheckpointConfig();
  }

  public StreamEnvironment setRestartStrategy(io.spry.api.checkpoint.RestartStrategy strategy) {
    config.setRestartStrategy(strategy);
    return this;
  }

  public StreamEnvironment setParallelism(int parallelism) {
    config.setParallelism(parallelism);
    return this;
  }

  public int getParallelism() {
    return config.getParallelism();
  }

  public StreamEnvironment setMaxParallelism(int maxParallelism) {
    config.setMaxParallelism(maxParallelism);
    return this;
  }

  public int getMaxParallelism() {
    return config.getMaxParallelism();
  }

  public StreamEnvironment setRuntimeMode(RuntimeMode mode) {
    config.setRuntimeMode(mode);
    return this;
  }

  /** Sets the processing-time clock (tests use a manual one). */
  public StreamEnvironment setClock(Clock clock) {
    config.setClock(clock);
    return this;
  }

  // ---- sources ----

  /** A stream of the given elements, with parallelism 1. Their type is taken from the elements. */
  @SafeVarargs
  public final <T> SingleOutputStream<T> fromElements(T... elements) {
    if (elements.length == 0) {
      throw new IllegalArgumentException(
          "fromElements needs at least one element; for an empty stream use fromElements(type)");
    }
    return fromCollection(Arrays.asList(elements));
  }

  /** A stream of the given elements of the given type (which may be empty), with parallelism 1. */
  @SafeVarargs
  public final <T> SingleOutputStream<T> fromElements(Class<T> type, T... elements) {
    return fromCollection(Arrays.asList(elements), TypeInfo.of(type));
  }

  /** A stream of a collection's elements, with parallelism 1. The collection must not be empty. */
  public <T> SingleOutputStream<T> fromCollection(Collection<T> data) {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new InvalidTypesException(
          "fromCollection cannot take the type from an empty collection: pass the type,"
              + " fromCollection(data, Types.STRING)");
    }
    T first = data.iterator().next();
    if (first == null) {
      throw new IllegalArgumentException("fromCollection: elements must not be null");
    }
    return fromCollection(data, TypeExtractor.forValue(first));
  }

  /** A stream of a collection's elements of the given type, with parallelism 1. */
  public <T> SingleOutputStream<T> fromCollection(Collection<T> data, TypeInfo<T> type) {
    String site = CallSite.capture();
    for (T t : data) {
      if (t == null) {
        throw new IllegalArgumentException(
            "fromCollection at " + site + ": elements must not be null");
      }
    }
    SourceTransformation<T> t =
        new SourceTransformation<>(
            nextId(),
            "Collection Source",
            new CollectionSource<>(List.copyOf(data), type),
            WatermarkStrategy.noWatermarks(),
            site);
    t.setParallelism(1);
    return add(t);
  }

  /** The numbers from {@code from} to {@code to}, both inclusive, read in parallel. */
  public SingleOutputStream<Long> fromSequence(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException(
          "fromSequence: from (" + from + ") must not be greater than to (" + to + ")");
    }
    return fromSource(
        new NumberSequenceSource(from, to), WatermarkStrategy.noWatermarks(), "Sequence Source");
  }

  /** A stream from a {@link Source}, with the given watermark strategy. */
  public <T> SingleOutputStream<T> fromSource(
      Source<T, ?> source, WatermarkStrategy<T> watermarkStrategy, String name) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(watermarkStrategy, "watermarkStrategy");
    SourceTransformation<T> t =
        new SourceTransformation<>(nextId(), name, source, watermarkStrategy, CallSite.capture());
    return add(t);
  }

  /**
   * A stream from a {@link SourceFunction}: parallelism 1, or the default parallelism for a {@link
   * ParallelSourceFunction}. The type is taken from the function's class where it can be; give it
   * with {@code .returns(...)} where not.
   */
  public <T> SingleOutputStream<T> addSource(SourceFunction<T> function, String name) {
    String site = CallSite.capture();
    TypeInfo<T> type =
        TypeExtractor.outputType(
            function,
            SourceFunction.class,
            0,
            new TypeInfo<?>[0],
            "the output of source '" + name + "' at " + site);
    SourceFunctionTransformation<T> t =
        new SourceFunctionTransformation<>(nextId(), name, function, type, site);
    if (!(function instanceof ParallelSourceFunction)) {
      t.setParallelism(1);
    }
    return add(t);
  }

  /** The lines of a text file, or of every file in a directory, in parallel by file. */
  public SingleOutputStream<String> readTextFile(String path) {
    return fromSource(
        FileSource.forLines(Path.of(path)).build(),
        WatermarkStrategy.noWatermarks(),
        "File Source: " + path);
  }

  /** Lines read from a TCP socket, with parallelism 1. The job fails if it cannot connect. */
  public SingleOutputStream<String> socketTextStream(String host, int port) {
    return fromSource(
        new SocketTextSource(host, port), WatermarkStrategy.noWatermarks(), "Socket Source");
  }

  /** Records separated by {@code delimiter} read from a TCP socket, with parallelism 1. */
  public SingleOutputStream<String> socketTextStream(String host, int port, String delimiter) {
    return fromSource(
        new SocketTextSource(host, port, delimiter),
        WatermarkStrategy.noWatermarks(),
        "Socket Source");
  }

  // ---- dead letters ----

  /**
   * The dead letters of every operator whose {@link ErrorPolicy} is {@link ErrorPolicy#deadLetter}:
   * the records their user functions threw on, with the errors. Route them to any sink. Operators
   * downstream of this stream (the ones that handle dead letters) are not part of it; read theirs
   * with {@link SingleOutputStream#getDeadLetters()}. Which operators take part is settled when the
   * job is submitted, so operators added after this call are included. Each call returns the same
   * stream.
   *
   * <pre>{@code
   * env.getConfig().setErrorPolicy(ErrorPolicy.deadLetter(1000));
   * ... build the job ...
   * env.deadLetters().map(DeadLetter::toString).sinkTo(new TextFileSink("dead-letters"));
   * }</pre>
   *
   * The job does not build when no operator has a dead-letter policy (there could be none).
   */
  public DataStream<DeadLetter> deadLetters() {
    if (deadLetters == null) {
      deadLetters =
          new UnionTransformation<>(
              nextId(), "DeadLetters", DeadLetterTag.TAG.getType(), CallSite.capture());
      register(deadLetters);
    }
    return new DataStream<>(this, deadLetters);
  }

  // ---- execution ----

  /** Runs the job and waits for it to end. */
  public JobResult execute() {
    return execute("Spry Job");
  }

  /**
   * Runs the job and waits for it to end.
   *
   * @throws JobExecutionException when the job fails
   */
  public JobResult execute(String jobName) {
    return executeAsync(jobName).await();
  }

  /** Starts the job and returns at once. */
  public JobHandle executeAsync(String jobName) {
    JobSpec spec = toSpec(jobName);
    JobHandle handle = executor().submit(spec);
    transformations.clear();
    deadLetters = null;
    return handle;
  }

  /** The execution plan: chained tasks, their parallelism and the edges between them. */
  public String explain() {
    return executor().explain(toSpec("explain"));
  }

  private JobSpec toSpec(String jobName) {
    if (transformations.stream().noneMatch(t -> t.getInputs().isEmpty())) {
      throw new IllegalStateException(
          "The job has no sources: create a stream with fromElements, fromSource, ... first");
    }
    JobConfig jobConfig = config.copy();
    List<Transformation<?>> graph =
        DeadLetterRouting.resolve(
            transformations, deadLetters, jobConfig.getErrorPolicy(), this::nextId);
    return new JobSpec(jobName, jobConfig, graph);
  }

  private static JobExecutor executor() {
    for (JobExecutorFactory f : ServiceLoader.load(JobExecutorFactory.class)) {
      return f.create();
    }
    throw new IllegalStateException(
        "No Spry runtime on the classpath: add the dependency io.spry:spry-runtime");
  }

  // ---- for the streams ----

  int nextId() {
    return nextId++;
  }

  <T> SingleOutputStream<T> add(Transformation<T> t) {
    transformations.add(t);
    return new SingleOutputStream<>(this, t);
  }

  void register(Transformation<?> t) {
    transformations.add(t);
  }
}
