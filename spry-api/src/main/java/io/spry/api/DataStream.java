package io.spry.api;

import io.spry.api.annotation.Internal;
import io.spry.api.annotation.Public;
import io.spry.api.connector.file.CsvSink;
import io.spry.api.connector.file.TextFileSink;
import io.spry.api.connector.file.WriteMode;
import io.spry.api.connector.print.PrintSink;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.socket.SocketSink;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.execution.CollectSink;
import io.spry.api.functions.FilterFunction;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.Partitioner;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.SinkFunction;
import io.spry.api.functions.aggregation.Projection;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.OperatorKind;
import io.spry.api.graph.PartitionTransformation;
import io.spry.api.graph.Partitioning;
import io.spry.api.graph.SinkTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.graph.UnionTransformation;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.tuple.Tuple;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.GlobalWindows;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.internal.ConstantKeySelector;
import io.spry.api.windowing.triggers.CountTrigger;
import io.spry.api.windowing.triggers.PurgingTrigger;
import io.spry.api.windowing.windows.GlobalWindow;
import io.spry.api.windowing.windows.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A stream of records of type {@code T}. Transformations return new streams; nothing runs until the
 * environment's {@code execute}.
 */
@Public
public class DataStream<T> {
  protected final StreamEnvironment env;
  protected final Transformation<T> transformation;

  DataStream(StreamEnvironment env, Transformation<T> transformation) {
    this.env = env;
    this.transformation = transformation;
  }

  public StreamEnvironment getExecutionEnvironment() {
    return env;
  }

  /** The type of the records, possibly incomplete (see {@link TypeInfo#isComplete()}). */
  public TypeInfo<T> getType() {
    return transformation.getType();
  }

  @Internal
  public Transformation<T> getTransformation() {
    return transformation;
  }

  // ---- record-at-a-time transformations ----

  /** One output per record. */
  public <R> SingleOutputStream<R> map(MapFunction<T, R> mapper) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.MAP, mapper, outputType(mapper, MapFunction.class, 1, "map", site), site);
  }

  /** One output per record, of the given type. */
  public <R> SingleOutputStream<R> map(MapFunction<T, R> mapper, TypeInfo<R> outputType) {
    return transform(OperatorKind.MAP, mapper, outputType, CallSite.capture());
  }

  /**
   * Zero or more outputs per record. With a lambda, follow it by {@code .returns(...)}: the lambda
   * hides the output type.
   */
  public <R> SingleOutputStream<R> flatMap(FlatMapFunction<T, R> flatMapper) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.FLAT_MAP,
        flatMapper,
        outputType(flatMapper, FlatMapFunction.class, 1, "flatMap", site),
        site);
  }

  public <R> SingleOutputStream<R> flatMap(
      FlatMapFunction<T, R> flatMapper, TypeInfo<R> outputType) {
    return transform(OperatorKind.FLAT_MAP, flatMapper, outputType, CallSite.capture());
  }

  /** Keeps the records for which the function returns true. */
  public SingleOutputStream<T> filter(FilterFunction<T> filter) {
    return transform(OperatorKind.FILTER, filter, getType(), CallSite.capture());
  }

  /** The general one-input function: outputs, side outputs, timestamps. */
  public <R> SingleOutputStream<R> process(ProcessFunction<T, R> function) {
    String site = CallSite.capture();
    return transform(
        OperatorKind.PROCESS,
        function,
        outputType(function, ProcessFunction.class, 1, "process", site),
        site);
  }

  public <R> SingleOutputStream<R> process(ProcessFunction<T, R> function, TypeInfo<R> outputType) {
    return transform(OperatorKind.PROCESS, function, outputType, CallSite.capture());
  }

  /**
   * Keeps the given fields of a tuple stream, in the given order: {@code project(2, 0)} turns
   * {@code Tuple3<A, B, C>} into {@code Tuple2<C, A>}.
   */
  public <R extends Tuple> SingleOutputStream<R> project(int... fieldIndexes) {
    String site = CallSite.capture();
    Projection<T, R> projection = Projection.of(getType(), fieldIndexes, "project at " + site);
    SingleOutputStream<R> out =
        transform(OperatorKind.MAP, projection, projection.getOutputType(), site);
    return out.name("Projection");
  }

  /** Assigns event timestamps and generates watermarks with the given strategy. */
  public SingleOutputStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
    Objects.requireNonNull(strategy, "strategy");
    if (strategy.getAlignment() != null) {
      throw new IllegalArgumentException(
          "Watermark alignment (group '"
              + strategy.getAlignment().group()
              + "') pauses a source's reading, so it works only on a source: give the strategy to"
              + " env.fromSource(source, strategy, name), or drop withWatermarkAlignment here");
    }
    return transform(OperatorKind.ASSIGN_TIMESTAMPS, strategy, getType(), CallSite.capture());
  }

  // ---- keying and partitioning ----

  /**
   * Partitions the stream by key: records with equal keys go to the same subtask, and operators on
   * the keyed stream have keyed state and timers.
   */
  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key) {
    String site = CallSite.capture();
    TypeInfo<K> keyType =
        TypeExtractor.outputType(
            key,
            KeySelector.class,
            1,
            new TypeInfo<?>[] {getType()},
            "the key of keyBy at " + site);
    return keyBy(key, keyType, site);
  }

  /** Partitions the stream by key, with the key type given. */
  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key, TypeInfo<K> keyType) {
    return keyBy(key, keyType, CallSite.capture());
  }

  <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key, TypeInfo<K> keyType, String site) {
    Objects.requireNonNull(key, "key selector");
    PartitionTransformation<T> p =
        new PartitionTransformation<>(env.nextId(), transformation, Partitioning.hash(key), site);
    env.register(p);
    return new KeyedStream<>(env, p, key, keyType);
  }

  // ---- windows over all records ----

  /**
   * Cuts the whole stream (not per key) into windows. The window operator runs as a single subtask;
   * a {@code reduce} or {@code aggregate} over tumbling or sliding event-time windows (default
   * trigger, no evictor) first pre-aggregates in every subtask of this stream, so only a few
   * partial results per window reach it (see {@link AllWindowedStream}). Other window functions see
   * every record in that one subtask: use them for small streams.
   */
  public <W extends Window> AllWindowedStream<T, W> windowAll(
      WindowAssigner<? super T, W> assigner) {
    KeyedStream<T, Byte> all = keyBy(new ConstantKeySelector<>(), Types.BYTE, CallSite.capture());
    return new AllWindowedStream<>(this, new WindowedStream<>(all, assigner, "WindowAll"));
  }

  /** Tumbling windows of {@code size} records of the whole stream. */
  public AllWindowedStream<T, GlobalWindow> countWindowAll(long size) {
    KeyedStream.checkCount("countWindowAll", "size", size);
    return windowAll(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(size)));
  }

  /**
   * Windows over the last {@code size} records of the whole stream, every {@code slide} records.
   */
  public AllWindowedStream<T, GlobalWindow> countWindowAll(long size, long slide) {
    KeyedStream.checkCount("countWindowAll", "size", size);
    KeyedStream.checkCount("countWindowAll", "slide", slide);
    return windowAll(GlobalWindows.create())
        .evictor(CountEvictor.of(size))
        .trigger(CountTrigger.of(slide));
  }

  /** Each subtask sends to the subtask with the same index; needs equal parallelism. */
  public DataStream<T> forward() {
    return partition(Partitioning.of(Partitioning.Kind.FORWARD));
  }

  /** Sends each record to a random downstream subtask. */
  public DataStream<T> shuffle() {
    return partition(Partitioning.of(Partitioning.Kind.SHUFFLE));
  }

  /** Sends records round robin to all downstream subtasks: evens out skew. */
  public DataStream<T> rebalance() {
    return partition(Partitioning.of(Partitioning.Kind.REBALANCE));
  }

  /**
   * Sends records round robin to a local subset of downstream subtasks: with 2 upstream and 4
   * downstream subtasks, each upstream feeds 2.
   */
  public DataStream<T> rescale() {
    return partition(Partitioning.of(Partitioning.Kind.RESCALE));
  }

  /** Sends every record to every downstream subtask. Records are shared: do not mutate them. */
  public DataStream<T> broadcast() {
    return partition(Partitioning.of(Partitioning.Kind.BROADCAST));
  }

  /** Sends every record to the first downstream subtask. */
  public DataStream<T> global() {
    return partition(Partitioning.of(Partitioning.Kind.GLOBAL));
  }

  /** Sends each record to the subtask the partitioner picks for its key. */
  public <K> DataStream<T> partitionCustom(Partitioner<K> partitioner, KeySelector<T, K> key) {
    Objects.requireNonNull(partitioner, "partitioner");
    Objects.requireNonNull(key, "key selector");
    return partition(Partitioning.custom(partitioner, key));
  }

  private DataStream<T> partition(Partitioning partitioning) {
    PartitionTransformation<T> p =
        new PartitionTransformation<>(
            env.nextId(), transformation, partitioning, CallSite.capture());
    env.register(p);
    return new DataStream<>(env, p);
  }

  // ---- several streams ----

  /** Merges this stream with others of the same type. */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... others) {
    List<Transformation<T>> inputs = new ArrayList<>();
    inputs.add(transformation);
    for (DataStream<T> o : others) {
      if (o.env != env) {
        throw new IllegalArgumentException(
            "union: all streams must come from the same environment");
      }
      inputs.add(o.transformation);
    }
    UnionTransformation<T> u = new UnionTransformation<>(env.nextId(), inputs, CallSite.capture());
    env.register(u);
    return new DataStream<>(env, u);
  }

  /** Connects this stream with another, possibly of another type, for a two-input function. */
  public <R> ConnectedStreams<T, R> connect(DataStream<R> other) {
    if (other.env != env) {
      throw new IllegalArgumentException(
          "connect: both streams must come from the same environment");
    }
    return new ConnectedStreams<>(env, this, other);
  }

  /**
   * Sends every record to every subtask of the operator this stream is connected to, which keeps
   * the given broadcast states (the broadcast state pattern): {@code
   * events.keyBy(..).connect(rules.broadcast(ruleState)).process(...)}.
   */
  public BroadcastStream<T> broadcast(MapStateDescriptor<?, ?>... broadcastStates) {
    if (broadcastStates.length == 0) {
      throw new IllegalArgumentException(
          "broadcast(...) at "
              + CallSite.capture()
              + " needs at least one MapStateDescriptor for the broadcast state; for a plain"
              + " broadcast partitioning use broadcast()");
    }
    return new BroadcastStream<>(broadcast(), List.of(broadcastStates));
  }

  /**
   * Connects this stream with a broadcast stream (see {@link #broadcast(MapStateDescriptor[])}).
   */
  public <R> BroadcastConnectedStream<T, R> connect(BroadcastStream<R> broadcastStream) {
    sameEnvironment(broadcastStream.stream(), "connect");
    return new BroadcastConnectedStream<>(env, this, broadcastStream);
  }

  /**
   * Joins this stream with another in windows: {@code a.join(b).where(keyA).equalTo(keyB)
   * .window(assigner).apply(joinFunction)} pairs every two elements with equal keys in the same
   * window.
   */
  public <T2> CoGroupedStreams<T, T2> join(DataStream<T2> other) {
    sameEnvironment(other, "join");
    return new CoGroupedStreams<>(this, other, "Window Join");
  }

  /**
   * Groups this stream and another by key and window: each key's elements of both inputs in each
   * window go to one {@code coGroup} call (outer joins, for example).
   */
  public <T2> CoGroupedStreams<T, T2> coGroup(DataStream<T2> other) {
    sameEnvironment(other, "coGroup");
    return new CoGroupedStreams<>(this, other, "CoGroup");
  }

  // ---- sinks ----

  /** Prints each record to standard output, prefixed by {@code subtask> } when parallel. */
  public DataStreamSink<T> print() {
    return sinkTo(new PrintSink<>(false, null)).name("Print to Std. Out");
  }

  /** Prints each record with a prefix, e.g. {@code prefix:2> record}. */
  public DataStreamSink<T> print(String prefix) {
    return sinkTo(new PrintSink<>(false, prefix)).name("Print to Std. Out");
  }

  /** Prints each record to standard error. */
  public DataStreamSink<T> printToErr() {
    return sinkTo(new PrintSink<>(true, null)).name("Print to Std. Err");
  }

  /**
   * Writes each record's {@code toString()} as a line of a text file (a directory of part files
   * when parallel). Fails if an output file exists; see {@link #writeAsText(String, WriteMode)}.
   */
  public DataStreamSink<T> writeAsText(String path) {
    return writeAsText(path, WriteMode.NO_OVERWRITE);
  }

  public DataStreamSink<T> writeAsText(String path, WriteMode mode) {
    return sinkTo(new TextFileSink<>(java.nio.file.Path.of(path), mode)).name("Text File Sink");
  }

  /**
   * Writes tuples or records as CSV lines (a directory of part files when parallel). Fails if an
   * output file exists; see {@link #writeAsCsv(String, WriteMode)}.
   */
  public DataStreamSink<T> writeAsCsv(String path) {
    return writeAsCsv(path, WriteMode.NO_OVERWRITE);
  }

  public DataStreamSink<T> writeAsCsv(String path, WriteMode mode) {
    Class<?> c = getType().getTypeClass();
    if (c != Object.class && !Tuple.class.isAssignableFrom(c) && !c.isRecord()) {
      throw new IllegalArgumentException(
          "writeAsCsv at "
              + CallSite.capture()
              + ": CSV needs Spry tuples or Java records, but the stream's type is "
              + c.getName()
              + "; map it to a tuple or record first, or use writeAsText");
    }
    return sinkTo(new CsvSink<>(java.nio.file.Path.of(path), mode)).name("CSV Sink");
  }

  /** Sends each record to a TCP socket, as bytes made by {@code serializer}. */
  public DataStreamSink<T> writeToSocket(String host, int port, Function<T, byte[]> serializer) {
    return sinkTo(new SocketSink<>(host, port, serializer)).name("Socket Sink");
  }

  /** Writes the stream to a {@link Sink}. */
  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    SinkTransformation<T> s =
        new SinkTransformation<>(
            env.nextId(), "Sink", transformation, sink, null, CallSite.capture());
    env.register(s);
    return new DataStreamSink<>(s);
  }

  /** Writes the stream with a {@link SinkFunction}; it runs on a thread of its own. */
  public DataStreamSink<T> addSink(SinkFunction<T> sinkFunction) {
    Objects.requireNonNull(sinkFunction, "sinkFunction");
    SinkTransformation<T> s =
        new SinkTransformation<>(
            env.nextId(), "Sink", transformation, null, sinkFunction, CallSite.capture());
    env.register(s);
    return new DataStreamSink<>(s);
  }

  /**
   * Runs the job and returns an iterator over this stream's records as they arrive. Closing the
   * iterator cancels the job. For tests and small jobs.
   */
  public CloseableIterator<T> executeAndCollect() {
    return executeAndCollect("Collect Job");
  }

  public CloseableIterator<T> executeAndCollect(String jobName) {
    CollectSink<T> sink = new CollectSink<>(1024);
    sinkTo(sink).name("Collect Sink").setParallelism(1);
    JobHandle handle = env.executeAsync(jobName);
    return sink.iterator(handle);
  }

  /** Runs the job and returns its first {@code limit} records, then cancels it if it still runs. */
  public List<T> executeAndCollect(int limit) {
    List<T> out = new ArrayList<>();
    try (CloseableIterator<T> it = executeAndCollect()) {
      while (out.size() < limit && it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  // ---- helpers ----

  /** Streams of different environments belong to different jobs and cannot be combined. */
  void sameEnvironment(DataStream<?> other, String call) {
    if (other.env != env) {
      throw new IllegalArgumentException(
          call + ": both streams must come from the same environment (one job)");
    }
  }

  <R> TypeInfo<R> outputType(
      Object function, Class<?> functionInterface, int outputParam, String op, String site) {
    return TypeExtractor.outputType(
        function,
        functionInterface,
        outputParam,
        new TypeInfo<?>[] {getType()},
        "the output of " + op + " at " + site);
  }

  /** Adds a one-input operator; on a keyed stream the operator is keyed. */
  <R> SingleOutputStream<R> transform(
      OperatorKind kind, Object function, TypeInfo<R> outputType, String site) {
    Objects.requireNonNull(function, kind.defaultName() + " function");
    OneInputTransformation<T, R> t =
        new OneInputTransformation<>(
            env.nextId(),
            kind.defaultName(),
            transformation,
            kind,
            function,
            outputType,
            keySelector(),
            keyType(),
            site);
    env.register(t);
    return new SingleOutputStream<>(env, t);
  }

  /** The key selector when this stream is keyed, else null. */
  KeySelector<T, ?> keySelector() {
    return null;
  }

  TypeInfo<?> keyType() {
    return null;
  }
}
