package io.spry.testkit;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.operator.OperatorContext;
import io.spry.runtime.operator.OperatorException;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.UdfOperator;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateBackends;
import io.spry.runtime.task.OperatorChain;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the one- and two-input harnesses share: configuration, lifecycle, processing time and the
 * recorded output. See {@link OperatorHarness} for how to use a harness.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Configure, then open.</b> The {@code with...} methods and {@link #hostile()} may be
 *       called only before {@link #open()}; input may be given only between {@link #open()} and
 *       {@link #endInput()}. {@link #close()} may be called at any time, once or more.
 *   <li><b>The runtime's code paths.</b> The operator is set up with a real {@link OperatorContext}
 *       (a heap keyed state backend over the subtask's key groups when keyed, a counter registry,
 *       the harness's {@link ManualClock}), opened, ticked and finished through an {@link
 *       OperatorChain}, and fed through the runtime's chaining outputs, which set the key context
 *       and wrap failures. So a failing user function surfaces as the {@link OperatorException} a
 *       job would report, naming the operator, the task and the record.
 *   <li><b>Output.</b> Everything the operator emits is recorded in order, and stays recorded until
 *       {@link #clearOutput()}.
 *   <li><b>Processing time</b> moves only when the test moves it ({@link #advanceProcessingTime}).
 *   <li><b>Not thread-safe</b>: use a harness from one thread, as a task does.
 * </ul>
 *
 * <p>Differences from a job: the function is used as given, not copied by serialization as each
 * subtask's is in a job (so a test may inspect it afterwards); and a failure in {@link #close()} is
 * thrown, where a task only logs it.
 *
 * @param <OUT> the operator's output
 * @param <H> the concrete harness, returned by the fluent methods
 */
@Public
public abstract sealed class AbstractOperatorHarness<OUT, H extends AbstractOperatorHarness<OUT, H>>
    implements AutoCloseable permits OneInputOperatorHarness, TwoInputOperatorHarness {

  private enum Phase {
    CONFIGURING,
    OPEN,
    INPUT_ENDED,
    CLOSED
  }

  private static final Set<String> HARNESS_CLASSES =
      Set.of(
          AbstractOperatorHarness.class.getName(),
          OneInputOperatorHarness.class.getName(),
          TwoInputOperatorHarness.class.getName(),
          OperatorHarness.class.getName());

  /** The default number of key groups, as in a job. */
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  final StreamOperator<OUT> operator;
  private final boolean keyed;
  private final String callSite;
  private String operatorName;
  private int subtaskIndex;
  private int parallelism = 1;
  private int maxParallelism = DEFAULT_MAX_PARALLELISM;
  private ManualClock clock = new ManualClock();
  private boolean hostile;
  private TypeInfo<?> keyType;
  private String stateBackend = "heap";
  private final List<byte[]> restoredKeyedState = new ArrayList<>();

  private final OutputBuffer buffer = new OutputBuffer();
  private final CounterRegistry counters = new CounterRegistry();
  private Phase phase = Phase.CONFIGURING;
  private HarnessOutput output;
  private OperatorChain chain;

  AbstractOperatorHarness(StreamOperator<OUT> operator, boolean keyed, String operatorName) {
    this.operator = Objects.requireNonNull(operator, "operator");
    this.keyed = keyed;
    this.operatorName = operatorName != null ? operatorName : defaultName(operator);
    this.callSite = callSite();
  }

  @SuppressWarnings("unchecked")
  private H self() {
    return (H) this;
  }

  // ---- configuration ----

  /** The operator's name in its context and in error messages. */
  public H withOperatorName(String name) {
    checkConfiguring();
    this.operatorName = Objects.requireNonNull(name, "name");
    return self();
  }

  /**
   * Runs the operator as subtask {@code index} of {@code parallelism} (default 0 of 1). A keyed
   * operator then owns only that subtask's key groups: see {@link #ownsKey}.
   */
  public H withSubtask(int index, int parallelism) {
    checkConfiguring();
    if (parallelism < 1 || index < 0 || index >= parallelism) {
      throw new IllegalArgumentException(
          "Need 0 <= index < parallelism, was index " + index + " of " + parallelism);
    }
    this.subtaskIndex = index;
    this.parallelism = parallelism;
    return self();
  }

  /** The number of key groups (default {@value #DEFAULT_MAX_PARALLELISM}, as in a job). */
  public H withMaxParallelism(int maxParallelism) {
    checkConfiguring();
    if (maxParallelism < 1 || maxParallelism > KeyGroups.UPPER_BOUND_MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "maxParallelism must be in [1, "
              + KeyGroups.UPPER_BOUND_MAX_PARALLELISM
              + "], was "
              + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return self();
  }

  /** Uses the given clock, e.g. one shared with other harnesses; by default each has its own. */
  public H withClock(ManualClock clock) {
    checkConfiguring();
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * Hostile mode: runs the operator as a task under backpressure would, to flush out operators that
   * rely on more than the runtime promises. The recorded output must be the same as without it; a
   * test can run a scenario both ways and compare.
   *
   * <ul>
   *   <li>The operator's output (main, side outputs and watermarks, in order) goes through the
   *       runtime's {@code RecordWriter} into the smallest {@code SpscRing} there is. The harness
   *       drains it only after each input, and one slot at a time with a writer flush after each,
   *       so an operator that emits more than a few records per input always goes through the
   *       writer's overflow path.
   *   <li>Each input is its own task turn with a batch of one: before it the operator gets the
   *       processing-time tick a task gives on every turn ({@code onProcessingTime} at the current,
   *       unchanged time, if the operator wants ticks); after it the output is flushed and drained.
   * </ul>
   */
  public H hostile() {
    checkConfiguring();
    this.hostile = true;
    return self();
  }

  public boolean isHostile() {
    return hostile;
  }

  /**
   * The type of the keys, whose serializer writes them into keyed-state snapshots ({@link
   * #snapshotKeyedState}). By default keys are written by their class (strings, numbers and other
   * types Spry knows need nothing more).
   */
  public H withKeyType(TypeInfo<?> keyType) {
    checkConfiguring();
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    return self();
  }

  /**
   * The keyed state backend by name, as {@code JobConfig.setStateBackend}: {@code "heap"} (the
   * default) or {@code "rocksdb"} (with {@code spry-state-rocksdb} on the test class path).
   */
  public H withStateBackend(String name) {
    checkConfiguring();
    KeyedStateBackends.factory(name); // fails now, listing the available ones
    this.stateBackend = name;
    return self();
  }

  /**
   * Restores keyed state (state and timers) from snapshots taken with {@link #snapshotKeyedState},
   * of any subtask at any parallelism, as a job restores a checkpoint: this subtask keeps the key
   * groups it owns. Give every subtask's snapshot to rescale. The operator then opens on the
   * restored state.
   */
  public H withRestoredKeyedState(List<byte[]> snapshots) {
    checkConfiguring();
    if (!keyed) {
      throw new IllegalStateException(
          "'" + operatorName + "' is not keyed: only keyed operators have keyed state to restore");
    }
    restoredKeyedState.addAll(snapshots);
    return self();
  }

  /**
   * A snapshot of the operator's keyed state, with its timers and window state, in the
   * backend-neutral format a checkpoint holds: restore it into a fresh harness, at this or another
   * parallelism, with {@link #withRestoredKeyedState}. The operator's other fields are not in it.
   */
  public byte[] snapshotKeyedState() {
    checkOpen();
    MemoryDataOutput out = new MemoryDataOutput(4096);
    try {
      backend().snapshot(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Snapshotting the keyed state of " + operatorName, e);
    }
    return out.toByteArray();
  }

  // ---- lifecycle ----

  /**
   * Sets the operator up and opens it (and its function).
   *
   * @throws OperatorException when the operator fails to open
   */
  public H open() {
    checkConfiguring();
    if (hostile && operator instanceof UdfOperator<?, ?> udf) {
      checkSerializable(udf.getFunction());
    }
    if (keyed) {
      KeyGroups.checkBounds(maxParallelism, parallelism);
    }
    String taskName = operatorName + " (" + (subtaskIndex + 1) + "/" + parallelism + ")";
    KeyedStateBackend backend = null;
    if (keyed) {
      try {
        backend =
            KeyedStateBackends.factory(stateBackend)
                .create(
                    KeyGroups.rangeForOperator(maxParallelism, parallelism, subtaskIndex),
                    maxParallelism,
                    clock,
                    keyType,
                    null);
      } catch (IOException e) {
        throw new UncheckedIOException("Creating the " + stateBackend + " state backend", e);
      }
    }
    for (byte[] snapshot : restoredKeyedState) {
      try {
        backend.restore(new MemoryDataInput(snapshot));
      } catch (IOException e) {
        throw new UncheckedIOException("Restoring the keyed state of " + operatorName, e);
      }
    }
    OperatorContext context =
        new OperatorContext(
            operatorName,
            taskName,
            callSite,
            subtaskIndex,
            parallelism,
            maxParallelism,
            clock,
            counters,
            backend);
    output = hostile ? new QueuedOutput(buffer, taskName) : new DirectOutput(buffer);
    setUp(operator, context, output);
    connectInputs();
    chain = new OperatorChain(List.of(operator), output.writers());
    phase = Phase.OPEN;
    try {
      chain.open();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // the chain wraps failures already; this is only the declared type
      throw new OperatorException(operatorName, taskName, "in open()", e);
    }
    output.drain();
    return self();
  }

  private void checkSerializable(Object function) {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(function);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The function of '"
              + operatorName
              + "' is not serializable ("
              + e
              + "), so a job could not run it. Every field of a function, and everything a lambda"
              + " or an anonymous class captures (the enclosing test instance, too), must be"
              + " Serializable: mark other fields transient and create them in open().",
          e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void setUp(StreamOperator operator, OperatorContext context, HarnessOutput out) {
    operator.setup(context, out);
  }

  /** Creates the runtime outputs that deliver input to the operator; called once it is set up. */
  abstract void connectInputs();

  /**
   * Moves processing time forward and gives the operator its processing-time tick ({@code
   * onProcessingTime} with the new time) if it wants ticks.
   *
   * @throws OperatorException when the operator fails on the tick
   */
  public H advanceProcessingTime(Duration duration) {
    checkOpen();
    clock.advance(duration);
    drainingAfter(() -> chain.tick(clock.millis()));
    return self();
  }

  /**
   * The end of all input: the operator emits what it still holds ({@code finish}). No input may
   * follow. Unlike a bounded source, this sends no final watermark: call {@code
   * processWatermark(Long.MAX_VALUE)} first to simulate one.
   *
   * @throws OperatorException when the operator fails to finish
   */
  public H endInput() {
    checkOpen();
    phase = Phase.INPUT_ENDED;
    drainingAfter(chain::finish);
    return self();
  }

  /**
   * Closes the operator (and its function) and releases keyed state. Idempotent; a harness never
   * opened closes nothing.
   *
   * @throws OperatorException when the operator fails to close (a task would only log this)
   */
  @Override
  public void close() {
    Phase was = phase;
    phase = Phase.CLOSED;
    if (was == Phase.CONFIGURING || was == Phase.CLOSED) {
      return;
    }
    OperatorContext c = operator.getContext();
    try {
      operator.close();
    } catch (Exception e) {
      throw new OperatorException(c.operatorName(), c.taskName(), "in close()", e);
    } finally {
      if (c.keyedBackend() != null) {
        c.keyedBackend().close();
      }
    }
  }

  /**
   * One task turn around an input: in hostile mode a processing-time tick first; the output is
   * drained after.
   */
  final void turn(Runnable input) {
    checkOpen();
    drainingAfter(
        () -> {
          if (hostile) {
            chain.tick(clock.millis());
          }
          input.run();
        });
    // A watermark's timers fire a share per turn in a task; the harness runs those turns at once,
    // draining the output between them, as a task would.
    while (chain.hasPendingWork()) {
      drainingAfter(chain::resumePendingWork);
    }
  }

  /**
   * Runs {@code action} and records what the operator emitted, even when the action fails: so both
   * modes record the same output up to a failure.
   */
  private void drainingAfter(Runnable action) {
    try {
      action.run();
    } finally {
      output.drain();
    }
  }

  // ---- output ----

  /** The records emitted to the main output, in order. */
  @SuppressWarnings("unchecked")
  public List<OUT> getOutput() {
    return buffer.records().stream().map(r -> (OUT) r.value()).toList();
  }

  /** The records emitted to the main output, in order, with their timestamps. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public List<TimestampedValue<OUT>> getOutputWithTimestamps() {
    return (List) buffer.records();
  }

  /** The records emitted to a side output, in order. */
  @SuppressWarnings("unchecked")
  public <X> List<X> getSideOutput(OutputTag<X> tag) {
    return buffer.sideRecords(tag.getId()).stream().map(r -> (X) r.value()).toList();
  }

  /** The records emitted to a side output, in order, with their timestamps. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <X> List<TimestampedValue<X>> getSideOutputWithTimestamps(OutputTag<X> tag) {
    return (List) buffer.sideRecords(tag.getId());
  }

  /** The watermarks the operator emitted, in order. */
  public List<Long> getWatermarks() {
    return buffer.watermarks();
  }

  /** Forgets all recorded output (main, side outputs and watermarks). */
  public H clearOutput() {
    buffer.clear();
    return self();
  }

  // ---- introspection ----

  /** The operator under test. */
  public StreamOperator<OUT> getOperator() {
    return operator;
  }

  public ManualClock getClock() {
    return clock;
  }

  /** The operator's name, as in error messages. */
  public String getOperatorName() {
    return operatorName;
  }

  /** A counter's value (see {@code RuntimeContext.getCounter}), or 0 when it was never created. */
  public long getCounter(String name) {
    return counters.snapshot().getOrDefault(name, 0L);
  }

  /** The number of keys that hold a value of the named keyed state. */
  public int numKeyedStateEntries(String stateName) {
    return backend().numKeys(stateName);
  }

  /**
   * The number of (key, namespace) values of the named namespaced state, e.g. the window contents
   * ({@code "window-contents"}) or a trigger's state: 0 once every window has been cleaned up.
   */
  public int numNamespacedStateEntries(String stateName) {
    return backend().numNamespacedEntries(stateName);
  }

  /**
   * The named keyed state, scoped to {@code key}: read (or change) what the operator stored for a
   * key. The scope holds until the next input sets the key of its record.
   *
   * @throws IllegalStateException when the operator is not keyed, or {@code key} belongs to key
   *     groups this subtask does not own
   */
  public <S extends State> S getKeyedState(Object key, StateDescriptor<S, ?> descriptor) {
    KeyedStateBackend backend = backend();
    backend.setCurrentKey(key);
    return backend.getOrCreateState(descriptor);
  }

  /** Whether {@code key} belongs to this subtask's key groups (always true at parallelism 1). */
  public boolean ownsKey(Object key) {
    if (!keyed) {
      throw new IllegalStateException("'" + operatorName + "' is not keyed");
    }
    int keyGroup = KeyGroups.assignToKeyGroup(key, maxParallelism);
    return KeyGroups.rangeForOperator(maxParallelism, parallelism, subtaskIndex).contains(keyGroup);
  }

  private KeyedStateBackend backend() {
    if (!keyed) {
      throw new IllegalStateException(
          "'" + operatorName + "' is not keyed: give the harness a key selector");
    }
    if (phase == Phase.CONFIGURING) {
      throw new IllegalStateException("Keyed state exists once the harness is open: call open()");
    }
    return operator.getContext().keyedBackend();
  }

  /** How often the hostile output found its queue full (0 when not hostile); for tests. */
  int blockedFlushes() {
    return output instanceof QueuedOutput q ? q.blockedFlushes() : 0;
  }

  // ---- checks ----

  private void checkConfiguring() {
    if (phase != Phase.CONFIGURING) {
      throw new IllegalStateException(
          "The harness of '" + operatorName + "' is already open: configure it before open()");
    }
  }

  final void checkOpen() {
    switch (phase) {
      case CONFIGURING ->
          throw new IllegalStateException(
              "The harness of '" + operatorName + "' is not open: call open() first");
      case INPUT_ENDED ->
          throw new IllegalStateException(
              "The input of '" + operatorName + "' has ended: no input may follow endInput()");
      case CLOSED ->
          throw new IllegalStateException("The harness of '" + operatorName + "' is closed");
      case OPEN -> {}
    }
  }

  private static String defaultName(StreamOperator<?> operator) {
    String n = operator.getClass().getSimpleName();
    return n.endsWith("Operator") && n.length() > "Operator".length()
        ? n.substring(0, n.length() - "Operator".length())
        : n;
  }

  /** The test's line that made the harness: the first frame outside the harness and the JDK. */
  private static String callSite() {
    for (StackTraceElement e : new Throwable().getStackTrace()) {
      String c = e.getClassName();
      if (HARNESS_CLASSES.contains(c) || c.startsWith("java.") || c.startsWith("jdk.")) {
        continue;
      }
      return c.substring(c.lastIndexOf('.') + 1)
          + "."
          + e.getMethodName()
          + "("
          + e.getFileName()
          + ":"
          + e.getLineNumber()
          + ")";
    }
    return "unknown location";
  }
}
