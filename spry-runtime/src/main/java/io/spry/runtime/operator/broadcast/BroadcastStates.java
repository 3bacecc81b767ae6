package io.spry.runtime.operator.broadcast;

import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;
import io.spry.runtime.checkpoint.OperatorStates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast states of one operator instance: one map per declared descriptor, kept in the
 * operator's {@link OperatorStates} so that checkpoints write them (one copy, given to every
 * subtask on restore). Every instance sees the same broadcast elements, so the copies agree; the
 * keyed side reads through a read-only view.
 */
final class BroadcastStates {
  private final Map<String, BroadcastState<?, ?>> states = new HashMap<>();
  private final Map<String, ReadOnlyBroadcastState<?, ?>> readOnly = new HashMap<>();
  private final String operatorName;

  BroadcastStates(
      List<MapStateDescriptor<?, ?>> descriptors, String operatorName, OperatorStates store) {
    this.operatorName = operatorName;
    for (MapStateDescriptor<?, ?> d : descriptors) {
      BroadcastState<?, ?> s = store.getBroadcastState(d);
      states.put(d.getName(), s);
      readOnly.put(d.getName(), view(s));
    }
  }

  private static <K, V> ReadOnlyBroadcastState<K, V> view(BroadcastState<K, V> s) {
    return new ReadOnlyBroadcastState<>() {
      @Override
      public V get(K key) throws Exception {
        return s.get(key);
      }

      @Override
      public boolean contains(K key) throws Exception {
        return s.contains(key);
      }

      @Override
      public Iterable<Map.Entry<K, V>> immutableEntries() throws Exception {
        return s.immutableEntries();
      }
    };
  }

  @SuppressWarnings("unchecked")
  <K, V> BroadcastState<K, V> get(MapStateDescriptor<K, V> d) {
    BroadcastState<?, ?> s = states.get(d.getName());
    if (s == null) {
      throw undeclared(d);
    }
    return (BroadcastState<K, V>) s;
  }

  @SuppressWarnings("unchecked")
  <K, V> ReadOnlyBroadcastState<K, V> getReadOnly(MapStateDescriptor<K, V> d) {
    ReadOnlyBroadcastState<?, ?> s = readOnly.get(d.getName());
    if (s == null) {
      throw undeclared(d);
    }
    return (ReadOnlyBroadcastState<K, V>) s;
  }

  private IllegalArgumentException undeclared(MapStateDescriptor<?, ?> d) {
    return new IllegalArgumentException(
        "Broadcast state '"
            + d.getName()
            + "' of '"
            + operatorName
            + "' was not declared: pass its descriptor to broadcast(...); declared: "
            + states.keySet());
  }
}
