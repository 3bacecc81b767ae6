package io.spry.runtime.checkpoint;

import io.spry.api.checkpoint.OperatorStateStore;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator state of one operator's subtask: named lists and broadcast maps on the heap. A
 * snapshot serializes each element on its own, so a restore can share the elements out among any
 * number of subtasks; restored elements are read when the state is first requested, because only
 * then are their types known. Each list records the {@link StateSchema} its elements were written
 * with, once, so elements written by an older version of the state's type are converted when read
 * (or the request fails, naming the operator, the state and the field).
 */
public final class OperatorStates implements OperatorStateStore {
  private final String operatorName;
  private final RestoredState restored;
  private final Map<String, Registered> states = new LinkedHashMap<>();

  private record Registered(
      SubtaskState.ListMode mode,
      ListStateDescriptor<?> list,
      MapStateDescriptor<?, ?> map,
      Object state) {}

  public OperatorStates(String operatorName, RestoredState restored) {
    this.operatorName = operatorName;
    this.restored = restored == null ? RestoredState.EMPTY : restored;
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return list(descriptor, SubtaskState.ListMode.SPLIT);
  }

  @Override
  public <T> ListState<T> getUnionListState(ListStateDescriptor<T> descriptor) {
    return list(descriptor, SubtaskState.ListMode.UNION);
  }

  @SuppressWarnings("unchecked")
  private <T> ListState<T> list(ListStateDescriptor<T> descriptor, SubtaskState.ListMode mode) {
    Registered r = states.get(descriptor.getName());
    if (r != null) {
      check(r, descriptor.getName(), mode);
      return (ListState<T>) r.state();
    }
    HeapListState<T> s = new HeapListState<>();
    List<byte[]> elements = restored.list(descriptor.getName());
    if (!elements.isEmpty()) {
      @SuppressWarnings("unchecked")
      TypeSerializer<T> ser =
          (TypeSerializer<T>)
              StateSchema.readers(
                      restored.schema(descriptor.getName()),
                      what(descriptor.getName()),
                      descriptor.getType(),
                      null)
                  .value();
      for (byte[] b : elements) {
        s.values.add(read(ser, b, descriptor.getName()));
      }
    }
    states.put(descriptor.getName(), new Registered(mode, descriptor, null, s));
    return s;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
    Registered r = states.get(descriptor.getName());
    if (r != null) {
      check(r, descriptor.getName(), SubtaskState.ListMode.BROADCAST);
      return (BroadcastState<K, V>) r.state();
    }
    HeapBroadcastState<K, V> s = new HeapBroadcastState<>();
    List<byte[]> elements = restored.list(descriptor.getName());
    StateSchema.Readers readers =
        elements.isEmpty()
            ? null
            : StateSchema.readers(
                restored.schema(descriptor.getName()),
                what(descriptor.getName()),
                descriptor.getType(),
                descriptor.getKeyType());
    for (byte[] b : elements) {
      MemoryDataInput in = new MemoryDataInput(b);
      try {
        K k = (K) readers.mapKey().deserialize(in);
        s.put(k, (V) readers.value().deserialize(in));
      } catch (IOException e) {
        throw new UncheckedIOException(failure(descriptor.getName(), e), e);
      }
    }
    states.put(
        descriptor.getName(), new Registered(SubtaskState.ListMode.BROADCAST, null, descriptor, s));
    return s;
  }

  private void check(Registered r, String name, SubtaskState.ListMode mode) {
    if (r.mode() != mode) {
      throw new IllegalStateException(
          "Operator state '"
              + name
              + "' of '"
              + operatorName
              + "' was requested as "
              + r.mode()
              + " and now as "
              + mode
              + "; use a different name for each state");
    }
  }

  private <T> T read(TypeSerializer<T> ser, byte[] b, String name) {
    try {
      return ser.deserialize(new MemoryDataInput(b));
    } catch (IOException e) {
      throw new UncheckedIOException(failure(name, e), e);
    }
  }

  private String what(String name) {
    return "Operator state '" + name + "' of '" + operatorName + "'";
  }

  private String failure(String name, Exception e) {
    return "Restoring operator state '"
        + name
        + "' of '"
        + operatorName
        + "' failed: "
        + e.getMessage();
  }

  /** Writes every requested state into {@code out}; restored states never requested go too. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void snapshot(SubtaskState out) throws IOException {
    for (Map.Entry<String, Registered> e : states.entrySet()) {
      Registered r = e.getValue();
      List<byte[]> elements = new ArrayList<>();
      MemoryDataOutput buf = new MemoryDataOutput(64);
      if (r.list() != null) {
        TypeSerializer ser = r.list().getType().createSerializer();
        for (Object v : ((HeapListState<?>) r.state()).values) {
          buf.reset();
          ser.serialize(v, buf);
          elements.add(buf.toByteArray());
        }
      } else {
        TypeSerializer ks = r.map().getKeyType().createSerializer();
        TypeSerializer vs = r.map().getType().createSerializer();
        for (Map.Entry<?, ?> m : ((HeapBroadcastState<?, ?>) r.state()).map.entrySet()) {
          buf.reset();
          ks.serialize(m.getKey(), buf);
          vs.serialize(m.getValue(), buf);
          elements.add(buf.toByteArray());
        }
      }
      StateSchema schema =
          r.list() != null
              ? StateSchema.of(r.list().getType(), null)
              : StateSchema.of(r.map().getType(), r.map().getKeyType());
      out.putList(e.getKey(), r.mode(), schema, elements);
    }
    for (Map.Entry<String, List<byte[]>> e : restored.lists().entrySet()) {
      // names starting with '_' are the runtime's own (split positions, watermarks): the operator
      // that owns them writes them
      if (!e.getKey().startsWith("_")
          && !states.containsKey(e.getKey())
          && !out.lists().containsKey(e.getKey())) {
        // not requested (yet) by this run's code: keep it for the next restore; its mode is
        // unknown here, so it goes out as a split list (the mode of most operator state)
        out.putList(
            e.getKey(), SubtaskState.ListMode.SPLIT, restored.schema(e.getKey()), e.getValue());
      }
    }
  }

  /** A list of operator state on the heap. */
  static final class HeapListState<T> implements ListState<T> {
    final List<T> values = new ArrayList<>();

    @Override
    public Iterable<T> get() {
      return values;
    }

    @Override
    public void add(T value) {
      if (value == null) {
        throw new NullPointerException("Operator list state elements must not be null");
      }
      values.add(value);
    }

    @Override
    public void update(List<T> list) {
      values.clear();
      addAll(list);
    }

    @Override
    public void addAll(List<T> list) {
      for (T v : list) {
        add(v);
      }
    }

    @Override
    public void clear() {
      values.clear();
    }
  }

  /** Broadcast state on the heap: the same map on every subtask. */
  public static final class HeapBroadcastState<K, V> implements BroadcastState<K, V> {
    final HashMap<K, V> map = new HashMap<>();

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> immutableEntries() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void putAll(Map<K, V> m) {
      map.putAll(m);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return map.entrySet();
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}
