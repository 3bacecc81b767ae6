package io.spry.runtime.state.heap;

import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.DynamicTypeInfo;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.CapturedSnapshot;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroupedSnapshotPart;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyHashing;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSnapshot;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state as objects on the heap, in a {@link StateTable} per state. Fast (no serialization on
 * access); state must fit in memory. Values are stored by reference: a value read from state and
 * then changed is changed in state too, as in Flink's heap backend.
 *
 * <p>Snapshots use the backend-neutral format of {@link KeyedStateSnapshot}; serializers are made
 * only then, so a job that never snapshots never needs complete types.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
  private final KeyGroupRange range;
  private final int maxParallelism;
  private final Map<String, HeapState> states = new LinkedHashMap<>();
  private final Map<String, HeapState> namespacedStates = new LinkedHashMap<>();
  private final Map<String, KeyGroupedSnapshotPart> parts = new LinkedHashMap<>();
  private Object currentKey;
  private int currentKeyGroup = -1;

  /** Every key's values, a row per key and a column per state. */
  private final KeyRows rows;

  private final Clock clock;
  private final TypeInfo<?> keyType;
  private TypeSerializer<Object> keySerializer;

  /** Restored sections of states and parts not yet requested, by name. */
  private final Map<String, List<PendingSection>> pendingStates = new LinkedHashMap<>();

  private final Map<String, List<PendingSection>> pendingNamespaced = new LinkedHashMap<>();
  private final Map<String, List<PendingSection>> pendingParts = new LinkedHashMap<>();

  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
    this(range, maxParallelism, Clock.system(), null);
  }

  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism, Clock clock) {
    this(range, maxParallelism, clock, null);
  }

  /**
   * @param clock processing time, for state time to live
   * @param keyType the key type, for snapshots; null or incomplete: keys are written by class
   */
  public HeapKeyedStateBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType) {
    this.range = range;
    this.maxParallelism = maxParallelism;
    this.clock = clock;
    this.keyType =
        keyType != null && keyType.isComplete() ? keyType : new DynamicTypeInfo<>(Object.class);
    this.rows = new KeyRows(range);
  }

  @SuppressWarnings("unchecked")
  @Override
  public TypeSerializer<Object> keySerializer() {
    if (keySerializer == null) {
      keySerializer = (TypeSerializer<Object>) keyType.createSerializer();
    }
    return keySerializer;
  }

  /**
   * A restored section of one key group, read when its state or part is requested, with the schema
   * its values were written with (null for timers and for snapshots without schemas).
   */
  private record PendingSection(
      String name, int keyGroup, int kind, int flags, StateSchema schema, byte[] bytes) {}

  // ---- snapshots ----

  /**
   * Serializers for snapshot writers, kept between snapshots; a capture takes a set (making one
   * when all are in use by snapshots being written) and gives it back when it ends. Guarded by
   * itself: taken on the task's thread, given back on the writer's.
   */
  private final java.util.ArrayDeque<WriterSerializers> idleSerializers =
      new java.util.ArrayDeque<>();

  /** One snapshot writer's serializers: of the key type and of each state's types. */
  private static final class WriterSerializers {
    final TypeSerializer<Object> keys;
    final Map<HeapState, HeapState.Serializers> states = new java.util.IdentityHashMap<>();

    WriterSerializers(TypeSerializer<Object> keys) {
      this.keys = keys;
    }
  }

  /** About the size of the last snapshot written, to size the next one's buffer. */
  private volatile int lastSnapshotSize = 1024;

  @Override
  public void snapshot(DataOutputView out) throws IOException {
    capture().write(out);
  }

  @Override
  public CapturedSnapshot captureSnapshot() {
    return capture();
  }

  /**
   * The synchronous part of a snapshot: in time proportional to the number of key groups, states
   * and snapshot parts, never to the number of keys. Serializers for the writer are made here, so a
   * type that cannot be serialized fails the snapshot on the task's thread.
   */
  @SuppressWarnings("unchecked")
  private HeapCapture capture() {
    WriterSerializers ser;
    synchronized (idleSerializers) {
      ser = idleSerializers.poll();
    }
    if (ser == null) {
      ser = new WriterSerializers((TypeSerializer<Object>) keyType.createSerializer());
    }
    List<HeapState> plain = new ArrayList<>(states.values());
    List<HeapState> namespaced = new ArrayList<>(namespacedStates.values());
    for (HeapState s : plain) {
      ser.states.computeIfAbsent(s, HeapState::newSerializers);
    }
    for (HeapState s : namespaced) {
      ser.states.computeIfAbsent(s, HeapState::newSerializers);
    }
    // The schema table: the current schema of every state, and the schemas restored sections
    // nobody requested came with (they go back out as they came).
    KeyedStateSnapshot.Schemas schemas = new KeyedStateSnapshot.Schemas();
    schemas.setKeyType(keyType);
    for (HeapState s : plain) {
      schemas.add(s.schema());
    }
    for (HeapState s : namespaced) {
      schemas.add(s.schema());
    }
    for (List<PendingSection> l : pendingStates.values()) {
      l.forEach(p -> schemas.add(p.schema()));
    }
    for (List<PendingSection> l : pendingNamespaced.values()) {
      l.forEach(p -> schemas.add(p.schema()));
    }
    List<PartCapture> partSnapshots = new ArrayList<>(parts.size());
    try {
      for (Map.Entry<String, KeyGroupedSnapshotPart> e : parts.entrySet()) {
        partSnapshots.add(
            new PartCapture(e.getKey(), e.getValue().kind(), e.getValue().snapshot()));
      }
    } catch (RuntimeException e) {
      partSnapshots.forEach(p -> p.snapshot().release());
      throw e;
    }
    List<List<PendingSection>> pending = new ArrayList<>();
    for (Map<String, List<PendingSection>> m :
        List.of(pendingStates, pendingNamespaced, pendingParts)) {
      for (Map.Entry<String, List<PendingSection>> e : m.entrySet()) {
        pending.add(List.copyOf(e.getValue()));
      }
    }
    return new HeapCapture(
        rows.capture(), plain, namespaced, partSnapshots, pending, schemas, clock.millis(), ser);
  }

  /** A snapshot part's capture, with the part's name and section kind. */
  private record PartCapture(String name, int kind, KeyGroupedSnapshotPart.Snapshot snapshot) {}

  /**
   * A snapshot captured at a barrier and written later, maybe on another thread: the rows of every
   * key group as they were (kept unchanged by copy on write until released), the states and parts
   * there were, and the restored sections nobody had requested. Holds no reference the task
   * changes.
   */
  private final class HeapCapture implements CapturedSnapshot {
    private final KeyRows.Capture rowsCapture;
    private final List<HeapState> plain;
    private final List<HeapState> namespaced;
    private final List<PartCapture> parts;
    private final List<List<PendingSection>> pending;
    private final KeyedStateSnapshot.Schemas schemas;
    private final long now;
    private final WriterSerializers ser;
    private final java.util.concurrent.atomic.AtomicBoolean ended =
        new java.util.concurrent.atomic.AtomicBoolean();

    HeapCapture(
        KeyRows.Capture rowsCapture,
        List<HeapState> plain,
        List<HeapState> namespaced,
        List<PartCapture> parts,
        List<List<PendingSection>> pending,
        KeyedStateSnapshot.Schemas schemas,
        long now,
        WriterSerializers ser) {
      this.rowsCapture = rowsCapture;
      this.plain = plain;
      this.namespaced = namespaced;
      this.parts = parts;
      this.pending = pending;
      this.schemas = schemas;
      this.now = now;
      this.ser = ser;
    }

    @Override
    public int sizeHint() {
      return lastSnapshotSize;
    }

    @Override
    public void writeTo(MemoryDataOutput out) throws IOException {
      int start = out.position();
      write(out);
      lastSnapshotSize = Math.max(1024, out.position() - start);
    }

    void write(DataOutputView out) throws IOException {
      if (!ended.compareAndSet(false, true)) {
        throw new IllegalStateException("This snapshot was written or released already");
      }
      try {
        KeyedStateSnapshot.Writer w = new KeyedStateSnapshot.Writer(out, range.size(), schemas);
        for (int kg = range.start(); kg <= range.end(); kg++) {
          w.beginKeyGroup(kg);
          KeyRows.Row[] groupRows = rowsCapture.group(kg - range.start());
          writeStates(w, groupRows, plain);
          writeStates(w, groupRows, namespaced);
          for (PartCapture p : parts) {
            w.beginSection(p.name(), p.kind(), 0);
            p.snapshot().writeKeyGroup(kg, ser.keys, w);
            w.endSection();
          }
          // Restored sections nobody requested yet go back out as they came in.
          for (List<PendingSection> l : pending) {
            for (PendingSection p : l) {
              if (p.keyGroup() == kg) {
                w.copySection(
                    p.name(), p.kind(), p.flags(), schemas.indexOf(p.schema()), p.bytes());
              }
            }
          }
          w.endKeyGroup();
        }
        w.finish();
      } finally {
        free();
      }
    }

    private void writeStates(
        KeyedStateSnapshot.Writer w, KeyRows.Row[] groupRows, List<HeapState> registry)
        throws IOException {
      if (groupRows == null) {
        return;
      }
      for (HeapState s : registry) {
        int flags =
            (s.hasTtl() ? KeyedStateSnapshot.FLAG_TTL : 0)
                | (s.isNamespaced() ? KeyedStateSnapshot.FLAG_NAMESPACED : 0);
        w.beginSection(
            s.descriptor.getName(),
            KeyedStateSnapshot.kindByte(s.kind()),
            flags,
            schemas.indexOf(s.schema()));
        s.writeKeyGroup(groupRows, w, now, ser.keys, ser.states.get(s)); // an empty one is dropped
        w.endSection();
      }
    }

    @Override
    public void release() {
      if (ended.compareAndSet(false, true)) {
        free();
      }
    }

    private void free() {
      rowsCapture.release();
      for (PartCapture p : parts) {
        p.snapshot().release();
      }
      synchronized (idleSerializers) {
        idleSerializers.push(ser);
      }
    }
  }

  /** The number of snapshots captured and not yet written or released (for tests). */
  int liveSnapshots() {
    return rows.liveCaptures();
  }

  @Override
  public void restore(DataInputView in) throws IOException {
    KeyedStateSnapshot.read(
        in,
        range,
        keyType,
        (kg, name, kind, flags, schema, bytes) -> {
          PendingSection p = new PendingSection(name, kg, kind, flags, schema, bytes);
          if (kind == KeyedStateSnapshot.KIND_TIMERS) {
            KeyGroupedSnapshotPart part = parts.get(name);
            if (part != null) {
              part.restore(kg, flags, new MemoryDataInput(bytes));
            } else {
              pendingParts.computeIfAbsent(name, n -> new ArrayList<>()).add(p);
            }
            return;
          }
          boolean namespaced = (flags & KeyedStateSnapshot.FLAG_NAMESPACED) != 0;
          HeapState existing = (namespaced ? namespacedStates : states).get(name);
          if (existing != null) {
            load(existing, p, new HashMap<>());
          } else {
            (namespaced ? pendingNamespaced : pendingStates)
                .computeIfAbsent(name, n -> new ArrayList<>())
                .add(p);
          }
        });
  }

  /**
   * Restores a section into a state, reading its values with readers for the schema it was written
   * with (converting values of an older version of the state's types), made once per schema.
   */
  private void load(HeapState s, PendingSection p, Map<StateSchema, StateSchema.Readers> readers)
      throws IOException {
    if (p.kind() != KeyedStateSnapshot.kindByte(s.kind())) {
      throw new IOException(
          "State '"
              + s.descriptor.getName()
              + "' was snapshotted as "
              + KeyedStateSnapshot.kindName(p.kind())
              + " state but is now requested as "
              + s.kind()
              + " state");
    }
    StateSchema.Readers r = readers.get(p.schema());
    if (r == null) {
      r = s.readers(p.schema());
      readers.put(p.schema(), r);
    }
    s.restoreKeyGroup(
        p.keyGroup(),
        new MemoryDataInput(p.bytes()),
        (p.flags() & KeyedStateSnapshot.FLAG_TTL) != 0,
        clock.millis(),
        r);
  }

  Clock clock() {
    return clock;
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return range;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public void setCurrentKey(Object key) {
    if (key == null) {
      throw new NullPointerException("Keys must not be null");
    }
    int hash = KeyHashing.hash(key);
    int kg = KeyGroups.computeKeyGroupForHash(hash, maxParallelism);
    if (!range.contains(kg)) {
      throw new IllegalStateException(
          "Key "
              + key
              + " belongs to key group "
              + kg
              + ", which this subtask does not own ("
              + range
              + "). The key selector is not deterministic, or the stream was re-partitioned"
              + " after keyBy.");
    }
    this.currentKey = key;
    this.currentKeyGroup = kg;
    rows.setCurrent(key, hash, kg);
  }

  /**
   * Keys a backend holds before the task prefetches their rows. With fewer, a state fits in the
   * caches and a prefetch only adds work: in a random-order read of one value per record ({@code
   * KeyedStateBenchmark}), batches of 16 cost 3-4 ns more per record than single reads at 16,000
   * keys and save 7-20 ns at 32,000, 50-90 ns at 64,000 and about 300 ns at 1,000,000.
   */
  static final int PREFETCH_MIN_KEYS = 1 << 15;

  /**
   * {@code -Dspry.state.prefetch=false} turns prefetching off: for measuring what it gains ({@code
   * LargeStateBenchmark}), not a setting a job needs.
   */
  private static final boolean PREFETCH =
      !"false".equals(System.getProperty("spry.state.prefetch"));

  @Override
  public boolean prefetches() {
    return PREFETCH && rows.rowCount() >= PREFETCH_MIN_KEYS;
  }

  /**
   * Keys a backend holds before the timer service prefetches the keys of due timers. Far fewer than
   * {@link #PREFETCH_MIN_KEYS}: a timer's key was mostly last touched long before it fires, so its
   * row has left the caches even in a small state (q4 fires its auctions' timers over about 8,000
   * keys per subtask, and the first state read in {@code onTimer} was 16% of its profile). With the
   * row still cached, the prefetch costs little next to the heap's own work per timer ({@code
   * TimerFiringBenchmark}: 168 against 175 ns per timer at 1,000 keys, within the noise; 508
   * against 374 at 100,000).
   */
  public static final int PREFETCH_TIMERS_MIN_KEYS = 1 << 12;

  @Override
  public boolean prefetchesForTimers() {
    return PREFETCH && rows.rowCount() >= PREFETCH_TIMERS_MIN_KEYS;
  }

  @Override
  public void prefetch(Object[] keys, int n) {
    rows.prefetch(keys, n, maxParallelism);
  }

  @Override
  public Object getCurrentKey() {
    return currentKey;
  }

  @Override
  public int getCurrentKeyGroup() {
    return currentKeyGroup;
  }

  @Override
  public <S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor) {
    return getOrCreate(states, pendingStates, descriptor, null);
  }

  @Override
  public <N, S extends State> S getOrCreateNamespacedState(
      StateDescriptor<S, ?> descriptor, TypeInfo<N> namespaceType) {
    if (namespaceType == null) {
      throw new NullPointerException("namespaceType of state '" + descriptor.getName() + "'");
    }
    return getOrCreate(namespacedStates, pendingNamespaced, descriptor, namespaceType);
  }

  @SuppressWarnings("unchecked")
  private <S extends State> S getOrCreate(
      Map<String, HeapState> registry,
      Map<String, List<PendingSection>> pending,
      StateDescriptor<S, ?> descriptor,
      TypeInfo<?> namespaceType) {
    HeapState existing = registry.get(descriptor.getName());
    if (existing != null) {
      if (existing.kind() != descriptor.getKind()) {
        throw new IllegalStateException(
            "State '"
                + descriptor.getName()
                + "' was created as "
                + existing.kind()
                + " state and is now requested as "
                + descriptor.getKind()
                + "; use a different name for each state");
      }
      return (S) existing;
    }
    boolean namespaced = namespaceType != null;
    HeapState s =
        switch (descriptor.getKind()) {
          case VALUE ->
              new HeapValueState<>(this, rows, namespaced, (ValueStateDescriptor<?>) descriptor);
          case LIST ->
              new HeapListState<>(this, rows, namespaced, (ListStateDescriptor<?>) descriptor);
          case REDUCING ->
              new HeapReducingState<>(
                  this, rows, namespaced, (ReducingStateDescriptor<?>) descriptor);
          case AGGREGATING ->
              new HeapAggregatingState<>(
                  this, rows, namespaced, (AggregatingStateDescriptor<?, ?, ?>) descriptor);
          case MAP ->
              new HeapMapState<>(this, rows, namespaced, (MapStateDescriptor<?, ?>) descriptor);
        };
    s.descriptor = descriptor;
    s.namespaceType = namespaceType;
    registry.put(descriptor.getName(), s);
    List<PendingSection> restored = pending.remove(descriptor.getName());
    if (restored != null) {
      Map<StateSchema, StateSchema.Readers> readers = new HashMap<>();
      try {
        for (PendingSection p : restored) {
          load(s, p, readers);
        }
      } catch (io.spry.api.types.IncompatibleSchemaException e) {
        throw e; // its message names the state, the field and the types
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "Restoring state '" + descriptor.getName() + "' failed: " + e.getMessage(), e);
      }
    }
    return (S) s;
  }

  @Override
  public void registerSnapshotPart(String name, KeyGroupedSnapshotPart part) {
    if (parts.putIfAbsent(name, part) != null) {
      throw new IllegalStateException(
          "A snapshot part named '" + name + "' is already registered with this backend");
    }
    List<PendingSection> restored = pendingParts.remove(name);
    if (restored != null) {
      try {
        for (PendingSection p : restored) {
          part.restoreSection(p.keyGroup(), p.kind(), p.flags(), p.bytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Restoring '" + name + "' failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void forEachKey(StateDescriptor<?, ?> descriptor, KeyAction action) throws Exception {
    HeapState s = states.get(descriptor.getName());
    if (s == null) {
      return;
    }
    for (Object key : s.table().keys()) {
      setCurrentKey(key);
      action.accept(key);
    }
  }

  @Override
  public int numNamespacedEntries(String stateName) {
    HeapState s = namespacedStates.get(stateName);
    return s == null ? 0 : s.namespacedEntries();
  }

  @Override
  public int numKeys(String stateName) {
    HeapState s = states.get(stateName);
    if (s == null) {
      s = namespacedStates.get(stateName);
    }
    return s == null ? 0 : s.table().size();
  }
}
