package io.spry.runtime.state.heap;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One state's values on the heap: a column of the backend's {@link KeyRows}, where each key has one
 * row holding its values of every state. The current key's row is found once per record, whichever
 * state asks first; values are kept per key group, so a snapshot writes one key group's entries as
 * one block, and a restore at another parallelism keeps whole groups.
 */
final class StateTable<V> {
  private final KeyRows rows;
  private final int column;

  StateTable(KeyRows rows) {
    this.rows = rows;
    this.column = rows.addColumn();
  }

  // ---- the current key ----

  /** The current key's value, or null. */
  @SuppressWarnings("unchecked")
  V getCurrent() {
    return (V) rows.getCurrent(column);
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

  /** Whether the key group at {@code index} (of the range) holds any value. */
  boolean hasAny(int index) {
    return rows.hasAny(index, column);
  }

  /** Visits the entries of the key group at {@code index}; the table must not change meanwhile. */
  void forEach(int index, KeyRows.EntryVisitor visitor) throws java.io.IOException {
    rows.forEach(index, column, visitor);
  }

  /** A copy of the keys, so that the caller may change the table while going through them. */
  List<Object> keys() {
    return rows.keys(column);
  }

  /**
   * Examines up to {@code n} entries, continuing where the last call stopped and cycling through
   * the key groups, and removes those {@code expired} says are gone (incremental TTL cleanup).
   */
  @SuppressWarnings("unchecked")
  void cleanupStep(int n, Predicate<V> expired) {
    rows.cleanupStep(column, n, v -> expired.test((V) v));
  }

  @SuppressWarnings("unchecked")
  void forEachValue(Consumer<V> action) {
    rows.forEachValue(column, v -> action.accept((V) v));
  }

  int size() {
    return rows.size(column);
  }
}
