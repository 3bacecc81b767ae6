package io.spry.runtime.local;

import io.spry.api.ErrorPolicy;
import io.spry.api.JobConfig;
import io.spry.api.OutputTag;
import io.spry.api.connector.sink.Sink;
import io.spry.api.eventtime.WatermarkAlignment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.CoFlatMapFunction;
import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.CoProcessFunction;
import io.spry.api.functions.FilterFunction;
import io.spry.api.functions.FlatMapFunction;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.MapFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.ReduceFunction;
import io.spry.api.functions.SourceFunction;
import io.spry.api.graph.BroadcastSpec;
import io.spry.api.graph.IntervalJoinSpec;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.Partitioning;
import io.spry.api.graph.SinkTransformation;
import io.spry.api.graph.SourceFunctionTransformation;
import io.spry.api.graph.SourceTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.graph.TwoInputTransformation;
import io.spry.api.time.Clock;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.internal.WindowPreAggregation;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.runtime.exchange.ChannelSelectors;
import io.spry.runtime.exchange.RecordWriter;
import io.spry.runtime.exchange.SpscRing;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.operator.BroadcastingOutput;
import io.spry.runtime.operator.ChainingOutput;
import io.spry.runtime.operator.CoFlatMapOperator;
import io.spry.runtime.operator.CoMapOperator;
import io.spry.runtime.operator.CoProcessOperator;
import io.spry.runtime.operator.ErrorBudget;
import io.spry.runtime.operator.FilterOperator;
import io.spry.runtime.operator.FlatMapOperator;
import io.spry.runtime.operator.KeyedCoProcessOperator;
import io.spry.runtime.operator.KeyedProcessOperator;
import io.spry.runtime.operator.KeyedReduceOperator;
import io.spry.runtime.operator.MapOperator;
import io.spry.runtime.operator.NoOutput;
import io.spry.runtime.operator.OperatorContext;
import io.spry.runtime.operator.Output;
import io.spry.runtime.operator.ProcessOperator;
import io.spry.runtime.operator.RecordFailureHandler;
import io.spry.runtime.operator.SideOutputs;
import io.spry.runtime.operator.SinkFunctionOperator;
import io.spry.runtime.operator.SinkWriterOperator;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.TimestampsAndWatermarksOperator;
import io.spry.runtime.operator.TwoInputOutput;
import io.spry.runtime.operator.WriterOutput;
import io.spry.runtime.operator.broadcast.BroadcastProcessOperator;
import io.spry.runtime.operator.broadcast.KeyedBroadcastProcessOperator;
import io.spry.runtime.operator.join.IntervalJoinOperator;
import io.spry.runtime.operator.window.WindowOperators;
import io.spry.runtime.operator.window.WindowPreAggregateOperator;
import io.spry.runtime.plan.ExecutionPlan;
import io.spry.runtime.plan.PlanEdge;
import io.spry.runtime.plan.PlanNode;
import io.spry.runtime.plan.PlanVertex;
import io.spry.runtime.source.SourceCoordinator;
import io.spry.runtime.source.SourceFunctionOperator;
import io.spry.runtime.source.SourceFunctionTasklet;
import io.spry.runtime.source.SourceOperator;
import io.spry.runtime.source.SourceTasklet;
import io.spry.runtime.source.WatermarkAlignmentGroup;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackends;
import io.spry.runtime.task.OperatorChain;
import io.spry.runtime.task.StreamTasklet;
import io.spry.runtime.task.Tasklet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Turns an {@link ExecutionPlan} into running parts: a ring per connected pair of subtasks on each
 * edge between tasks, the operators of every subtask wired into chains, a coordinator per source,
 * and one tasklet per subtask.
 */
final class Deployment {
  private final ExecutionPlan plan;
  private final JobConfig config;
  private final Clock clock;
  private final CounterRegistry counters;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Throwable> onFailure;

  /** Per edge between tasks: rings[producer][consumer], null where the pair is not connected. */
  private final Map<PlanEdge, SpscRing[][]> rings = new IdentityHashMap<>();

  private final Map<PlanVertex, SourceCoordinator<?>> coordinators = new LinkedHashMap<>();

  /**
   * The job's watermark alignment groups, by name: the sources that keep their watermarks close.
   */
  private final Map<String, WatermarkAlignmentGroup> alignmentGroups = new HashMap<>();

  /** Per operator under a dead-letter policy: its budget, shared by its subtasks. */
  private final Map<PlanNode, ErrorBudget> budgets = new IdentityHashMap<>();

  private final List<Tasklet> tasklets = new ArrayList<>();

  /** The checkpoint to restore, or null for a fresh start. */
  private io.spry.runtime.checkpoint.CompletedCheckpoint restore;

  /** The old subtasks' states per operator id, read once from the checkpoint. */
  private final Map<String, List<io.spry.runtime.checkpoint.SubtaskState>> restoredStates =
      new HashMap<>();

  private final List<io.spry.runtime.checkpoint.CheckpointCoordinator.TaskInfo> taskInfos =
      new ArrayList<>();
  private io.spry.runtime.checkpoint.CheckpointResponder responder;

  Deployment(
      ExecutionPlan plan,
      CounterRegistry counters,
      ScheduledExecutorService scheduler,
      Consumer<Throwable> onFailure) {
    this.plan = plan;
    this.config = plan.config();
    this.clock = config.getClock();
    this.counters = counters;
    this.scheduler = scheduler;
    this.onFailure = onFailure;
  }

  List<Tasklet> tasklets() {
    return tasklets;
  }

  List<SourceCoordinator<?>> coordinators() {
    return List.copyOf(coordinators.values());
  }

  /** Restores the tasks from {@code checkpoint} (null: a fresh start). */
  Deployment restoreFrom(
      io.spry.runtime.checkpoint.CompletedCheckpoint checkpoint, boolean allowNonRestored)
      throws java.io.IOException {
    this.restore = checkpoint;
    if (checkpoint == null) {
      return this;
    }
    if (checkpoint.maxParallelism() != config.getMaxParallelism()) {
      throw new IllegalStateException(
          "Cannot restore "
              + checkpoint
              + ": it was taken with max parallelism "
              + checkpoint.maxParallelism()
              + " and the job now has "
              + config.getMaxParallelism()
              + "; the max parallelism (the number of key groups) must stay the same");
    }
    java.util.Set<String> uids = new java.util.HashSet<>();
    for (PlanVertex v : plan.vertices()) {
      for (PlanNode n : v.nodes()) {
        uids.add(n.uid());
      }
    }
    List<String> unmatched = new ArrayList<>();
    for (String uid : checkpoint.operators().keySet()) {
      if (!uids.contains(uid)) {
        boolean hasState =
            java.util.Arrays.stream(checkpoint.operators().get(uid).subtasks())
                .anyMatch(java.util.Objects::nonNull);
        if (hasState) {
          unmatched.add(uid);
        }
      }
    }
    for (String uid : checkpoint.enumerators().keySet()) {
      if (!uids.contains(uid)) {
        unmatched.add(uid + " (source enumerator)");
      }
    }
    if (!unmatched.isEmpty() && !allowNonRestored) {
      throw new IllegalStateException(
          "Cannot restore "
              + checkpoint
              + ": it holds state of operators this job does not have: "
              + unmatched
              + ". Operators are matched by uid(...) (without one, by name and position). Give"
              + " the operators their old uids, or allow dropping that state with"
              + " --allow-non-restored-state (JobConfig.setAllowNonRestoredState(true)).");
    }
    for (String uid : checkpoint.operators().keySet()) {
      if (uids.contains(uid)) {
        restoredStates.put(uid, checkpoint.operatorState(uid));
      }
    }
    return this;
  }

  /** Makes every task take part in checkpoints, reporting to {@code responder}. */
  Deployment withCheckpoints(io.spry.runtime.checkpoint.CheckpointResponder responder) {
    this.responder = responder;
    return this;
  }

  List<io.spry.runtime.checkpoint.CheckpointCoordinator.TaskInfo> taskInfos() {
    return taskInfos;
  }

  /** Source enumerators by the id of their source operator. */
  Map<String, SourceCoordinator<?>> sourcesById() {
    Map<String, SourceCoordinator<?>> out = new LinkedHashMap<>();
    coordinators.forEach((v, c) -> out.put(v.head().uid(), c));
    return out;
  }

  /** Every operator id with its parallelism. */
  Map<String, Integer> operatorParallelism() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (PlanVertex v : plan.vertices()) {
      for (PlanNode n : v.nodes()) {
        out.put(n.uid(), v.parallelism());
      }
    }
    return out;
  }

  private void prepareCheckpointing(Tasklet t, PlanVertex v, int subtask) {
    if (!(t instanceof io.spry.runtime.task.ChainTasklet ct)) {
      return;
    }
    List<String> ids = v.nodes().stream().map(PlanNode::uid).toList();
    if (restore != null) {
      List<io.spry.runtime.checkpoint.RestoredState> rs = new ArrayList<>();
      for (String uid : ids) {
        List<io.spry.runtime.checkpoint.SubtaskState> old = restoredStates.get(uid);
        rs.add(
            old == null
                ? io.spry.runtime.checkpoint.RestoredState.EMPTY
                : io.spry.runtime.checkpoint.StateAssignment.assign(
                    old, config.getMaxParallelism(), v.parallelism(), subtask));
      }
      ct.setRestoredState(rs, true);
    }
    if (responder != null) {
      ct.enableCheckpointing(responder, taskInfos.size(), ids);
      taskInfos.add(
          new io.spry.runtime.checkpoint.CheckpointCoordinator.TaskInfo(ct, subtask, ids));
      if (ct instanceof StreamTasklet st) {
        st.setExactlyOnce(
            config.getCheckpointConfig().getMode()
                == io.spry.api.checkpoint.CheckpointingMode.EXACTLY_ONCE);
      }
    }
  }

  Deployment build() {
    for (PlanVertex v : plan.vertices()) {
      for (PlanEdge e : v.outputs()) {
        rings.put(e, createRings(e));
      }
      if (v.head().transformation() instanceof SourceTransformation<?> s) {
        coordinators.put(
            v,
            new SourceCoordinator<>(
                v.head().name(), s.getSource(), v.parallelism(), clock, scheduler, onFailure));
      }
    }
    if (restore != null) {
      for (Map.Entry<PlanVertex, SourceCoordinator<?>> e : coordinators.entrySet()) {
        io.spry.runtime.checkpoint.FileRef ref = restore.enumerators().get(e.getKey().head().uid());
        if (ref != null) {
          try {
            e.getValue().setRestoredState(restore.readFile(ref));
          } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        }
      }
    }
    for (PlanVertex v : plan.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        Tasklet t = createTasklet(v, i);
        prepareCheckpointing(t, v, i);
        tasklets.add(t);
      }
    }
    return this;
  }

  private SpscRing[][] createRings(PlanEdge e) {
    int up = e.source().parallelism();
    int down = e.target().parallelism();
    SpscRing[][] r = new SpscRing[up][down];
    for (int u = 0; u < up; u++) {
      for (int d : targets(e.partitioning().kind(), u, up, down)) {
        r[u][d] =
            new SpscRing(
                config.getQueueCapacity(),
                e.source().name()
                    + " ("
                    + (u + 1)
                    + "/"
                    + up
                    + ") -> "
                    + e.target().name()
                    + " ("
                    + (d + 1)
                    + "/"
                    + down
                    + ")");
      }
    }
    return r;
  }

  /** The consumer subtasks producer {@code u} is connected to, in order. */
  static int[] targets(Partitioning.Kind kind, int u, int up, int down) {
    return switch (kind) {
      case FORWARD -> new int[] {u};
      case RESCALE -> {
        if (up >= down) {
          yield new int[] {u * down / up};
        }
        int from = u * down / up;
        int to = (u + 1) * down / up;
        int[] t = new int[to - from];
        for (int k = 0; k < t.length; k++) {
          t[k] = from + k;
        }
        yield t;
      }
      default -> {
        int[] t = new int[down];
        for (int k = 0; k < down; k++) {
          t[k] = k;
        }
        yield t;
      }
    };
  }

  private Tasklet createTasklet(PlanVertex v, int subtask) {
    int p = v.parallelism();
    String taskName = v.name() + " (" + (subtask + 1) + "/" + p + ")";
    Map<PlanNode, StreamOperator<?>> ops = new LinkedHashMap<>();
    for (PlanNode n : v.nodes()) {
      ops.put(n, createOperator(v, n));
    }
    // Per operator of this subtask: what happens when its function throws on a record.
    Map<PlanNode, RecordFailureHandler> failures = new IdentityHashMap<>();
    Map<PlanNode, Output<Object>> deadLetterOutputs = new IdentityHashMap<>();
    List<RecordWriter> writers = new ArrayList<>();
    List<PlanNode> reversed = new ArrayList<>(v.nodes());
    java.util.Collections.reverse(reversed);
    for (PlanNode n : reversed) {
      Transformation<?> t = n.transformation();
      OperatorContext ctx =
          new OperatorContext(
              n.name(),
              taskName,
              t.getCallSite(),
              subtask,
              p,
              config.getMaxParallelism(),
              clock,
              counters,
              isKeyed(t)
                  ? KeyedStateBackends.create(
                      config,
                      KeyGroups.rangeForOperator(config.getMaxParallelism(), p, subtask),
                      clock,
                      keyType(t))
                  : null);
      setup(
          ops.get(n),
          ctx,
          buildOutput(n, subtask, ops, writers, taskName, failures, deadLetterOutputs));
      RecordFailureHandler handler = failureHandler(n, deadLetterOutputs.get(n));
      failures.put(n, handler);
      ops.get(n).setRecordFailureHandler(handler);
    }
    List<StreamOperator<?>> ordered = new ArrayList<>(ops.values());
    OperatorChain chain = new OperatorChain(ordered, writers);
    StreamOperator<?> head = ordered.get(0);
    Transformation<?> headT = v.head().transformation();
    if (headT instanceof SourceTransformation<?>) {
      SourceOperator<?, ?> so = (SourceOperator<?, ?>) head;
      registerReader(v, subtask, so);
      return new SourceTasklet(taskName, chain, v.isCooperative(), clock, so);
    }
    if (headT instanceof SourceFunctionTransformation<?>) {
      return sourceFunctionTasklet(taskName, chain, (SourceFunctionOperator<?>) head);
    }
    List<SpscRing> inputRings = new ArrayList<>();
    List<Integer> inputIndexes = new ArrayList<>();
    for (PlanEdge e : v.inputs()) {
      SpscRing[][] r = rings.get(e);
      for (SpscRing[] fromProducer : r) {
        if (fromProducer[subtask] != null) {
          inputRings.add(fromProducer[subtask]);
          inputIndexes.add(e.input());
        }
      }
    }
    Output<Object> input1;
    Output<Object> input2 = null;
    if (headT instanceof TwoInputTransformation<?, ?, ?> two) {
      input1 = new TwoInputOutput<>(head, 1, two.getKeySelector1(), failures.get(v.head()));
      input2 = new TwoInputOutput<>(head, 2, two.getKeySelector2(), failures.get(v.head()));
    } else {
      input1 = new ChainingOutput<>(head, keySelector(headT), failures.get(v.head()));
    }
    return new StreamTasklet(
        taskName,
        chain,
        v.isCooperative(),
        clock,
        inputRings,
        inputIndexes.stream().mapToInt(Integer::intValue).toArray(),
        input1,
        input2,
        config.getBatchSize());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void setup(StreamOperator op, OperatorContext ctx, Output out) {
    op.setup(ctx, out);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void registerReader(PlanVertex v, int subtask, SourceOperator so) {
    ((SourceCoordinator) coordinators.get(v)).register(subtask, so);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Tasklet sourceFunctionTasklet(
      String name, OperatorChain chain, SourceFunctionOperator op) {
    return new SourceFunctionTasklet(
        name, chain, clock, (SourceFunction) op.getFunction(), op.output());
  }

  private static boolean isKeyed(Transformation<?> t) {
    return keySelector(t) != null
        || (t instanceof TwoInputTransformation<?, ?, ?> two && two.isKeyed());
  }

  private static TypeInfo<?> keyType(Transformation<?> t) {
    if (t instanceof OneInputTransformation<?, ?> o) {
      return o.getKeyType();
    }
    if (t instanceof TwoInputTransformation<?, ?, ?> two) {
      return two.getKeyType();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static KeySelector<Object, ?> keySelector(Transformation<?> t) {
    if (t instanceof OneInputTransformation<?, ?> o) {
      return (KeySelector<Object, ?>) o.getKeySelector();
    }
    return null;
  }

  /**
   * The error policy's handler for one subtask of {@code n}: failing, or making dead letters that
   * go to {@code deadLetters} (null when no stream reads them: they are logged).
   */
  private RecordFailureHandler failureHandler(PlanNode n, Output<Object> deadLetters) {
    ErrorPolicy policy = n.transformation().effectiveErrorPolicy(config.getErrorPolicy());
    if (!policy.isDeadLetter()) {
      return RecordFailureHandler.failing();
    }
    ErrorBudget budget =
        budgets.computeIfAbsent(
            n, k -> new ErrorBudget(k.name(), policy, deadLetterDestination(k), clock));
    return RecordFailureHandler.deadLetter(budget, deadLetters, counters, n.name());
  }

  /** Where {@code n}'s dead letters go, for messages, or null when no stream reads them. */
  private static String deadLetterDestination(PlanNode n) {
    List<String> targets = new ArrayList<>();
    for (PlanEdge e : n.outputs()) {
      if (isDeadLetterEdge(e)) {
        targets.add("'" + e.target().name() + "'");
      }
    }
    return targets.isEmpty() ? null : String.join(" and ", targets);
  }

  private static boolean isDeadLetterEdge(PlanEdge e) {
    return e.sideOutput() != null && OutputTag.DEAD_LETTERS_ID.equals(e.sideOutput().getId());
  }

  /**
   * The operator's output: its chained successors, its writers, and its side outputs. The output of
   * its dead letters, if any stream reads them, also goes to {@code deadLetterOutputs}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Output<?> buildOutput(
      PlanNode n,
      int subtask,
      Map<PlanNode, StreamOperator<?>> ops,
      List<RecordWriter> writers,
      String taskName,
      Map<PlanNode, RecordFailureHandler> failures,
      Map<PlanNode, Output<Object>> deadLetterOutputs) {
    List<Output> main = new ArrayList<>();
    Map<String, List<Output>> sides = new HashMap<>();
    for (PlanEdge e : n.outputs()) {
      Output o;
      if (e.chained()) {
        o =
            new ChainingOutput<>(
                ops.get(e.target()),
                keySelector(e.target().transformation()),
                failures.get(e.target()));
      } else {
        SpscRing[] targets =
            java.util.Arrays.stream(rings.get(e)[subtask])
                .filter(java.util.Objects::nonNull)
                .toArray(SpscRing[]::new);
        RecordWriter w =
            new RecordWriter(
                e.describe(),
                targets,
                ChannelSelectors.create(
                    e.partitioning(), targets.length, config.getMaxParallelism(), subtask));
        writers.add(w);
        o = new WriterOutput<>(w, e.describe(), taskName);
      }
      if (e.sideOutput() == null) {
        main.add(o);
      } else {
        sides.computeIfAbsent(e.sideOutput().getId(), k -> new ArrayList<>()).add(o);
      }
    }
    Output mainOut = combine(main);
    if (sides.isEmpty()) {
      return mainOut;
    }
    Map<String, Output<Object>> sideOuts = new HashMap<>();
    sides.forEach((tag, list) -> sideOuts.put(tag, combine(list)));
    Output<Object> deadLetters = sideOuts.get(OutputTag.DEAD_LETTERS_ID);
    if (deadLetters != null) {
      deadLetterOutputs.put(n, deadLetters);
    }
    return new SideOutputs<>(mainOut, sideOuts);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Output combine(List<Output> outputs) {
    return switch (outputs.size()) {
      case 0 -> new NoOutput<>();
      case 1 -> outputs.get(0);
      default -> new BroadcastingOutput<>(outputs.toArray(new Output[0]));
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private StreamOperator<?> createOperator(PlanVertex v, PlanNode n) {
    Transformation<?> t = n.transformation();
    String what = "'" + n.name() + "' (at " + t.getCallSite() + ")";
    long interval = config.getAutoWatermarkInterval().toMillis();
    if (t instanceof SourceTransformation<?> s) {
      SourceOperator<?, ?> op =
          new SourceOperator(
              s.getSource(),
              FunctionCloner.clone(s.getWatermarkStrategy(), what),
              interval,
              config.getAutoWatermarkRecords(),
              coordinators.get(v));
      WatermarkAlignment alignment = s.getWatermarkStrategy().getAlignment();
      if (alignment != null) {
        op.setAlignmentGroup(
            alignmentGroups.computeIfAbsent(alignment.group(), WatermarkAlignmentGroup::new));
      }
      return op;
    }
    if (t instanceof SourceFunctionTransformation<?> s) {
      return new SourceFunctionOperator<>(FunctionCloner.clone(s.getFunction(), what));
    }
    if (t instanceof SinkTransformation<?> s) {
      Sink<?> sink = s.getSink();
      if (sink != null) {
        SinkWriterOperator<?> op = new SinkWriterOperator<>(sink);
        op.setCheckpointing(config.getCheckpointConfig().isEnabled());
        return op;
      }
      return new SinkFunctionOperator<>(FunctionCloner.clone(s.getSinkFunction(), what));
    }
    if (t instanceof OneInputTransformation<?, ?> o) {
      Object fn = FunctionCloner.clone(o.getFunction(), what);
      return switch (o.getKind()) {
        case MAP -> new MapOperator<>((MapFunction) fn);
        case FLAT_MAP -> new FlatMapOperator<>((FlatMapFunction) fn);
        case FILTER -> new FilterOperator<>((FilterFunction) fn);
        case PROCESS -> new ProcessOperator<>((ProcessFunction) fn);
        case KEYED_PROCESS -> new KeyedProcessOperator<>((KeyedProcessFunction) fn);
        case REDUCE -> new KeyedReduceOperator<>((ReduceFunction) fn, (TypeInfo) o.getType());
        case ASSIGN_TIMESTAMPS ->
            new TimestampsAndWatermarksOperator<>(
                (WatermarkStrategy) fn, interval, config.getAutoWatermarkRecords());
        case WINDOW -> WindowOperators.create((WindowSpec) fn);
        case WINDOW_PRE_AGGREGATE -> new WindowPreAggregateOperator<>((WindowPreAggregation) fn);
        default -> throw new IllegalStateException("Not a one-input kind: " + o.getKind());
      };
    }
    if (t instanceof TwoInputTransformation<?, ?, ?> two) {
      Object fn = FunctionCloner.clone(two.getFunction(), what);
      return switch (two.getKind()) {
        case CO_MAP -> new CoMapOperator<>((CoMapFunction) fn);
        case CO_FLAT_MAP -> new CoFlatMapOperator<>((CoFlatMapFunction) fn);
        case CO_PROCESS -> new CoProcessOperator<>((CoProcessFunction) fn);
        case KEYED_CO_PROCESS -> new KeyedCoProcessOperator<>((KeyedCoProcessFunction) fn);
        case BROADCAST_PROCESS -> new BroadcastProcessOperator<>((BroadcastSpec) fn);
        case KEYED_BROADCAST_PROCESS -> new KeyedBroadcastProcessOperator<>((BroadcastSpec) fn);
        case INTERVAL_JOIN -> new IntervalJoinOperator<>((IntervalJoinSpec) fn);
        default -> throw new IllegalStateException("Not a two-input kind: " + two.getKind());
      };
    }
    throw new IllegalStateException("No operator for " + t);
  }
}
