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
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state as objects on the heap, in a {@link StateTable} per state. Fast (no serialization on
 * access); state must fit in memory. Values are stored by reference: a value read from state and
 * then changed is changed in state too, as in Flink's heap backend.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
  private final KeyGroupRange range;
  private final int maxParallelism;
  private final Map<String, HeapState> states = new HashMap<>();
  private final Map<String, HeapState> namespacedStates = new HashMap<>();
  private Object currentKey;
  private int currentKeyGroup = -1;

  private final Clock clock;
  private final TypeInfo<?> keyType;
  private TypeSerializer<Object> keySerializer;

  /** Restored but not yet requested states: name -> their blocks. */
  private final Map<String, List<PendingState>> pending = new HashMap<>();

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
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<Object> keySerializer() {
    if (keySerializer == null) {
      keySerializer = (TypeSerializer<Object>) keyType.createSerializer();
    }
    return keySerializer;
  }

  /** A restored state's block of one key group, read when the state is requested. */
  private record PendingState(int keyGroup, StateDescriptor.Kind kind, boolean ttl, byte[] bytes) {}

  // ---- snapshots ----

  @Override
  public void snapshot(DataOutputView out) throws IOException {
    long now = clock.millis();
    List<Integer> groups = new ArrayList<>();
    List<MemoryDataOutput> blocks = new ArrayList<>();
    for (int kg = range.start(); kg <= range.end(); kg++) {
      MemoryDataOutput block = new MemoryDataOutput(256);
      int stateCount = 0;
      MemoryDataOutput states = new MemoryDataOutput(256);
      for (HeapState s : this.states.values()) {
        HashMap<Object, Object> m = s.table().mapAt(kg - range.start());
        if (m == null || m.isEmpty()) {
          continue;
        }
        int count = 0;
        MemoryDataOutput values = new MemoryDataOutput(256);
        for (Map.Entry<Object, Object> e : m.entrySet()) {
          int mark = values.position();
          keySerializer().serialize(e.getKey(), values);
          if (s.writeValue(e.getValue(), values, now)) {
            count++;
          } else {
            values.truncate(mark);
          }
        }
        if (count == 0) {
          continue;
        }
        stateCount++;
        states.writeUTF(s.descriptor.getName());
        states.writeByte(s.kind().ordinal());
        states.writeBoolean(s.hasTtl());
        states.writeInt(4 + values.position());
        states.writeInt(count);
        states.write(values.buffer(), 0, values.position());
      }
      // Restored states the operator has not requested yet go back out as they came in.
      for (Map.Entry<String, List<PendingState>> e : pending.entrySet()) {
        for (PendingState p : e.getValue()) {
          if (p.keyGroup() == kg) {
            stateCount++;
            states.writeUTF(e.getKey());
            states.writeByte(p.kind().ordinal());
            states.writeBoolean(p.ttl());
            states.writeInt(p.bytes().length);
            states.write(p.bytes());
          }
        }
      }
      if (stateCount > 0) {
        block.writeInt(stateCount);
        block.write(states.buffer(), 0, states.position());
        groups.add(kg);
        blocks.add(block);
      }
    }
    HeapSnapshot.writeHeader(out, blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      HeapSnapshot.writeBlock(out, groups.get(i), blocks.get(i));
    }
  }

  @Override
  public void restore(DataInputView in) throws IOException {
    int blocks = HeapSnapshot.readHeader(in);
    for (int b = 0; b < blocks; b++) {
      int kg = in.readInt();
      int length = in.readInt();
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      if (!range.contains(kg)) {
        continue;
      }
      MemoryDataInput block = new MemoryDataInput(bytes);
      int stateCount = block.readInt();
      for (int s = 0; s < stateCount; s++) {
        String name = block.readUTF();
        StateDescriptor.Kind kind = StateDescriptor.Kind.values()[block.readByte()];
        boolean ttl = block.readBoolean();
        byte[] stateBytes = new byte[block.readInt()];
        block.readFully(stateBytes);
        PendingState p = new PendingState(kg, kind, ttl, stateBytes);
        HeapState existing = this.states.get(name);
        if (existing != null) {
          load(existing, p);
        } else {
          pending.computeIfAbsent(name, n -> new ArrayList<>()).add(p);
        }
      }
    }
  }

  private void load(HeapState s, PendingState p) throws IOException {
    if (p.kind() != s.kind()) {
      throw new IOException(
          "State '"
              + s.descriptor.getName()
              + "' was snapshotted as "
              + p.kind()
              + " state but is now requested as "
              + s.kind()
              + " state");
    }
    long now = clock.millis();
    MemoryDataInput in = new MemoryDataInput(p.bytes());
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      Object key = keySerializer().deserialize(in);
      s.table().put(p.keyGroup(), key, s.readValue(in, p.ttl(), now));
    }
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
    int kg = KeyGroups.assignToKeyGroup(key, maxParallelism);
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
  }

  @Override
  public Object getCurrentKey() {
    return currentKey;
  }

  @Override
  public int getCurrentKeyGroup() {
    return currentKeyGroup;
  }

  Object key() {
    if (currentKey == null) {
      throw new IllegalStateException(
          "Keyed state was used outside the processing of a keyed record (in open() or close(),"
              + " say); use it only in the methods that process records or fire timers");
    }
    return currentKey;
  }

  int keyGroup() {
    return currentKeyGroup;
  }

  @Override
  public <S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor) {
    return getOrCreate(states, descriptor, false);
  }

  @Override
  public <S extends State> S getOrCreateNamespacedState(StateDescriptor<S, ?> descriptor) {
    return getOrCreate(namespacedStates, descriptor, true);
  }

  @SuppressWarnings("unchecked")
  private <S extends State> S getOrCreate(
      Map<String, HeapState> registry, StateDescriptor<S, ?> descriptor, boolean namespaced) {
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
    StateTable<Object> table = new StateTable<>(range);
    HeapState s =
        switch (descriptor.getKind()) {
          case VALUE ->
              new HeapValueState<>(this, table, namespaced, (ValueStateDescriptor<?>) descriptor);
          case LIST ->
              new HeapListState<>(this, table, namespaced, (ListStateDescriptor<?>) descriptor);
          case REDUCING ->
              new HeapReducingState<>(
                  this, table, namespaced, (ReducingStateDescriptor<?>) descriptor);
          case AGGREGATING ->
              new HeapAggregatingState<>(
                  this, table, namespaced, (AggregatingStateDescriptor<?, ?, ?>) descriptor);
          case MAP ->
              new HeapMapState<>(this, table, namespaced, (MapStateDescriptor<?, ?>) descriptor);
        };
    s.descriptor = descriptor;
    registry.put(descriptor.getName(), s);
    if (!namespaced) {
      List<PendingState> restored = pending.remove(descriptor.getName());
      if (restored != null) {
        try {
          for (PendingState p : restored) {
            load(s, p);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Restoring state '" + descriptor.getName() + "' failed: " + e.getMessage(), e);
        }
      }
    }
    return (S) s;
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
    return s == null ? 0 : s.table().size();
  }
}
