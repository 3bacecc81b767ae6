package io.spry.runtime.state.heap;

import java.util.List;
import java.util.function.Consumer;

/**
 * One state's values on the heap: a column of the backend's {@link KeyRows}, where each key has one
 * row holding its values of every state. The current key's row is found once per record, whichever
 * state asks first; values are kept per key group, so a snapshot writes one key group's entries as
 * one block, and a restore at another parallelism keeps whole groups.
 *
 * <p>What {@link #getCurrent} returns the state may change in place: a value a live snapshot shares
 * is first replaced by the state's copy of it (see {@link KeyRows}).
 */
final class StateTable<V> {
  private final KeyRows rows;
  private final int column;
  private final int bit;

  /**
   * @param copier the state's deep copy of a stored value (the value itself when immutable)
   */
  StateTable(KeyRows rows, KeyRows.Copier copier) {
    this.rows = rows;
    this.column = rows.addColumn(copier);
    this.bit = KeyRows.bit(column);
  }

  int column() {
    return column;
  }

  // ---- the current key ----

  /** The current key's value, or null; the caller may change it in place. */
  @SuppressWarnings("unchecked")
  V getCurrent() {
    return (V) rows.getCurrent(column, bit);
  }

  /** Sets the current key's value (not null). */
  void setCurrent(V value) {
    rows.setCurrent(column, value);
  }

  /** Removes the current key's value. */
  void removeCurrent() {
    rows.removeCurrent(column);
  }

  // ---- any key (restores) ----

  @SuppressWarnings("unchecked")
  V get(int keyGroup, Object key) {
    return (V) rows.get(keyGroup, key, column);
  }

  void put(int keyGroup, Object key, V value) {
    rows.put(keyGroup, key, column, value);
  }

  void remove(int keyGroup, Object key) {
    rows.remove(keyGroup, key, column);
  }

  // ---- walks ----

  /** A copy of the keys, so that the caller may change the table while going through them. */
  List<Object> keys() {
    return rows.keys(column);
  }

  /**
   * Examines up to {@code n} entries, continuing where the last call stopped and cycling through
   * the key groups, and keeps of each what {@code pruner} says (incremental TTL cleanup).
   */
  void cleanupStep(int n, KeyRows.Pruner pruner) {
    rows.cleanupStep(column, n, pruner);
  }

  @SuppressWarnings("unchecked")
  void forEachValue(Consumer<V> action) {
    rows.forEachValue(column, v -> action.accept((V) v));
  }

  int size() {
    return rows.size(column);
  }
}
