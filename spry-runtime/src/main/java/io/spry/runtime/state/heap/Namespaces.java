package io.spry.runtime.state.heap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One key's values of a namespaced state, by namespace: up to two in fields, more in a {@code
 * HashMap}. Most keys of a window operator hold one or two windows at a time (a tumbling window,
 * and the next one while the watermark lags), so most keys need no hash table: a {@code HashMap}
 * with its table and entries costs about 110 bytes per key and window more, and a lookup hashes the
 * namespace, where the fields cost one {@code equals}. Once spilled to the map (a third namespace:
 * sliding or session windows, say), the values stay there until the key has none.
 *
 * <p>Not thread-safe; the task's thread changes it, and a snapshot's writer reads one that a
 * capture keeps unchanged (see {@link KeyRows}).
 */
final class Namespaces {
  /** Namespaces in fields; {@code n0} is null when empty, {@code n1} when at most one. */
  private Object n0;

  private Object v0;
  private Object n1;
  private Object v1;

  /** All the values once more than two were held at a time; then the fields are null. */
  private HashMap<Object, Object> spilled;

  /** The value of {@code namespace}, or null. */
  Object get(Object namespace) {
    if (spilled != null) {
      return spilled.get(namespace);
    }
    if (n0 != null && (n0 == namespace || n0.equals(namespace))) {
      return v0;
    }
    if (n1 != null && (n1 == namespace || n1.equals(namespace))) {
      return v1;
    }
    return null;
  }

  /** Sets the value of {@code namespace} (neither is null). */
  void put(Object namespace, Object value) {
    Objects.requireNonNull(namespace, "namespace");
    if (spilled != null) {
      spilled.put(namespace, value);
    } else if (n0 == null || n0 == namespace || n0.equals(namespace)) {
      n0 = namespace;
      v0 = value;
    } else if (n1 == null || n1 == namespace || n1.equals(namespace)) {
      n1 = namespace;
      v1 = value;
    } else {
      spilled = new HashMap<>(8);
      spilled.put(n0, v0);
      spilled.put(n1, v1);
      spilled.put(namespace, value);
      n0 = v0 = n1 = v1 = null;
    }
  }

  /** Removes the value of {@code namespace}; returns it, or null when there was none. */
  Object remove(Object namespace) {
    if (spilled != null) {
      Object v = spilled.remove(namespace);
      if (spilled.isEmpty()) {
        spilled = null;
      }
      return v;
    }
    if (n0 != null && (n0 == namespace || n0.equals(namespace))) {
      Object v = v0;
      n0 = n1; // the second moves up, so n0 is null only when empty
      v0 = v1;
      n1 = v1 = null;
      return v;
    }
    if (n1 != null && (n1 == namespace || n1.equals(namespace))) {
      Object v = v1;
      n1 = v1 = null;
      return v;
    }
    return null;
  }

  boolean isEmpty() {
    return spilled == null ? n0 == null : spilled.isEmpty();
  }

  int size() {
    if (spilled != null) {
      return spilled.size();
    }
    return n0 == null ? 0 : n1 == null ? 1 : 2;
  }

  /** A namespace and its value, for {@link #forEach}. */
  @FunctionalInterface
  interface Entries<E extends Exception> {
    void accept(Object namespace, Object value) throws E;
  }

  /** Each namespace and its value; the action must not change this. */
  <E extends Exception> void forEach(Entries<E> action) throws E {
    if (spilled != null) {
      for (Map.Entry<Object, Object> e : spilled.entrySet()) {
        action.accept(e.getKey(), e.getValue());
      }
      return;
    }
    if (n0 != null) {
      action.accept(n0, v0);
    }
    if (n1 != null) {
      action.accept(n1, v1);
    }
  }

  /** A new one with the same namespaces and {@code copy} of each value. */
  Namespaces copy(UnaryOperator<Object> copy) {
    Namespaces c = new Namespaces();
    if (spilled != null) {
      c.spilled = new HashMap<>(Math.max(8, spilled.size() * 2));
      for (Map.Entry<Object, Object> e : spilled.entrySet()) {
        c.spilled.put(e.getKey(), copy.apply(e.getValue()));
      }
      return c;
    }
    if (n0 != null) {
      c.n0 = n0;
      c.v0 = copy.apply(v0);
    }
    if (n1 != null) {
      c.n1 = n1;
      c.v1 = copy.apply(v1);
    }
    return c;
  }
}
