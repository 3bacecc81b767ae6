package io.spry.runtime.state;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.TypeInfo;

/**
 * Keyed state of one operator in one subtask: {@code (key group, key, state name) -> value} for the
 * key groups this subtask owns.
 *
 * <p>Contract: the operator sets the current key before it processes each record (and before it
 * fires a timer); state handles read and write the current key's value. Only the task's thread uses
 * a backend. Handles are created once (in {@code open()}) and stay valid for the backend's life.
 *
 * <p>Designed for more than one implementation: the heap backend keeps objects in hash maps per key
 * group; a RocksDB backend keeps serialized bytes keyed by {@code (key group, key)} so that a key
 * group's state is one contiguous range. Both snapshot by key group, so a snapshot can be restored
 * at another parallelism.
 */
public interface KeyedStateBackend extends AutoCloseable {

  KeyGroupRange keyGroupRange();

  int maxParallelism();

  /**
   * The serializer of the key type (made on first use; for snapshots of keyed data outside the
   * backend, such as timers). Not thread-safe, like every serializer.
   */
  io.spry.api.types.TypeSerializer<Object> keySerializer();

  /** Scopes state access to {@code key} (which must belong to this backend's key groups). */
  void setCurrentKey(Object key);

  Object getCurrentKey();

  int getCurrentKeyGroup();

  /**
   * Whether {@link #prefetch} does anything now. A backend answers true only when its state is too
   * large for the CPU's caches, where records meet keys whose state is in memory; the task asks
   * before it gathers a batch, so a small state pays nothing.
   */
  default boolean prefetches() {
    return false;
  }

  /**
   * Whether {@link #prefetch} is worth calling for the keys of due timers. Their keys were mostly
   * last seen long ago, so their state has left the caches even when it is smaller than {@link
   * #prefetches} asks.
   */
  default boolean prefetchesForTimers() {
    return false;
  }

  /**
   * Brings what the keys' state accesses will read into the CPU's caches, for the next {@code n}
   * records, whose keys these are, in order; changes nothing. The loads for all keys are issued
   * together, so their cache misses overlap, where the records one after the other would wait for
   * each miss in turn. Null keys, and keys outside this backend's key groups, are skipped.
   */
  default void prefetch(Object[] keys, int n) {}

  /**
   * The handle for a descriptor; the same name always gives the same handle. A restored state's
   * values are read now, with the descriptor's types: values written by an older version of a type
   * are converted (see {@link StateSchema}).
   *
   * @throws io.spry.api.types.IncompatibleSchemaException if the restored values were written with
   *     a version of the state's types that cannot be converted; the message names the state, the
   *     field and both types
   */
  <S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor);

  /**
   * The handle for a descriptor whose values are scoped by key and namespace (see {@link
   * NamespacedState}). Namespaced states are kept apart from plain ones of the same name.
   *
   * @param namespaceType the type of the namespaces (the window type), whose serializer writes them
   *     into snapshots (and, in a backend that stores bytes, into its keys). A backend that keeps
   *     objects makes the serializer only when it snapshots, so an incomplete type fails only then.
   */
  <N, S extends State> S getOrCreateNamespacedState(
      StateDescriptor<S, ?> descriptor, TypeInfo<N> namespaceType);

  /**
   * Registers keyed data kept outside the state handles (timers) to be snapshotted and restored
   * with the keyed state, under a name unique among this backend's parts. If a restored snapshot
   * holds a section of that name, the part receives it now.
   */
  void registerSnapshotPart(String name, KeyGroupedSnapshotPart part);

  /**
   * The backend's own store for the timers of the timer service {@code name} (unique among this
   * backend's timer services and snapshot parts), or null when the service should keep its timers
   * on the heap and register a {@link KeyGroupedSnapshotPart} for them, as the heap backend does. A
   * store snapshots its timers with the keyed state in the neutral format's timer sections under
   * {@code name}, so timers restore into either kind; timers restored under that name (from a store
   * or from a heap service's part) are in the store it returns.
   *
   * @param namespaceType the type of the timers' namespaces (the window type)
   */
  default <N> io.spry.runtime.operator.timer.TimerStore<N> createTimerStore(
      String name, TypeInfo<N> namespaceType) {
    return null;
  }

  /**
   * Calls {@code action} with every key that holds a value of the descriptor's state, with the key
   * context set to that key (e.g. for a broadcast element that updates every key's state).
   */
  void forEachKey(StateDescriptor<?, ?> descriptor, KeyAction action) throws Exception;

  /** What {@link #forEachKey} does per key. */
  @FunctionalInterface
  interface KeyAction {
    void accept(Object key) throws Exception;
  }

  /** The number of keys holding a value of the named state, over all key groups (for tests). */
  int numKeys(String stateName);

  /**
   * The number of (key, namespace) values of the named namespaced state (for tests that check
   * nothing is left behind).
   */
  int numNamespacedEntries(String stateName);

  /**
   * Writes the keyed state (plain and namespaced) and the registered snapshot parts (timers) of
   * every key group this backend owns, one self-contained block per key group, in the
   * backend-neutral format of {@link KeyedStateSnapshot}, so that any backend at any parallelism
   * can restore the key groups it owns from it. Each state's section refers to the {@link
   * StateSchema} of the state's types in the snapshot's schema table (a restored section never
   * requested keeps the schema it came with), so a later restore can convert its values.
   */
  void snapshot(io.spry.api.types.DataOutputView out) throws java.io.IOException;

  /**
   * The synchronous part of an asynchronous snapshot: captures the keyed state (with the snapshot
   * parts) as it is now, on the task's thread, for {@link CapturedSnapshot#writeTo} to write later
   * in {@link #snapshot}'s format, maybe on another thread while the task goes on changing the
   * state. The heap backend captures in time proportional to the number of key groups (copy on
   * write, see {@code KeyRows}); the default writes the snapshot now. Several captures may be live
   * at once; each must be written or released.
   */
  default CapturedSnapshot captureSnapshot() throws java.io.IOException {
    io.spry.api.types.MemoryDataOutput out = new io.spry.api.types.MemoryDataOutput(1024);
    snapshot(out);
    return CapturedSnapshot.ofBytes(out.buffer(), out.position());
  }

  /**
   * Restores the key groups this backend owns from a snapshot written by {@link #snapshot} (of any
   * subtask, at any parallelism, by any backend); blocks of other key groups are skipped. Call
   * before any state is used, once per snapshot to restore (rescaling reads several). A state's
   * values become visible when the state is first requested, read with readers for the schema they
   * were written with ({@link StateSchema#readers}); restored states that are never requested are
   * written into the next snapshot as they came, with that schema.
   */
  void restore(io.spry.api.types.DataInputView in) throws java.io.IOException;

  @Override
  default void close() {}
}
