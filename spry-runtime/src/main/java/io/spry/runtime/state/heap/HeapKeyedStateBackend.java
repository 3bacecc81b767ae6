package io.spry.runtime.state.heap;

import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import java.util.HashMap;
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

  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
    this(range, maxParallelism, Clock.system());
  }

  /**
   * @param clock processing time, for state time to live
   */
  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism, Clock clock) {
    this.range = range;
    this.maxParallelism = maxParallelism;
    this.clock = clock;
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
    registry.put(descriptor.getName(), s);
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
