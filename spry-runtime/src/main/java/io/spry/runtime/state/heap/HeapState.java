package io.spry.runtime.state.heap;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.runtime.state.NamespacedState;
import java.util.Collection;
import java.util.HashMap;

/**
 * Common base of the heap state handles: a table and the backend's current key, and for namespaced
 * states the current namespace. A namespaced table maps each key to a small map from namespace to
 * value, so a key's windows are found together and a key disappears with its last window.
 */
abstract class HeapState implements State, NamespacedState {
  final HeapKeyedStateBackend backend;
  final StateTable<Object> table;
  private final boolean namespaced;
  private Object namespace;

  HeapState(HeapKeyedStateBackend backend, StateTable<Object> table, boolean namespaced) {
    this.backend = backend;
    this.table = table;
    this.namespaced = namespaced;
  }

  abstract StateDescriptor.Kind kind();

  StateTable<Object> table() {
    return table;
  }

  boolean isNamespaced() {
    return namespaced;
  }

  @Override
  public final void setCurrentNamespace(Object namespace) {
    if (!namespaced) {
      throw new IllegalStateException("This state is not namespaced");
    }
    this.namespace = namespace;
  }

  @SuppressWarnings("unchecked")
  private HashMap<Object, Object> namespaces(boolean create) {
    HashMap<Object, Object> m =
        (HashMap<Object, Object>) table.get(backend.keyGroup(), backend.key());
    if (m == null && create) {
      m = new HashMap<>(4);
      table.put(backend.keyGroup(), backend.key(), m);
    }
    return m;
  }

  final Object current() {
    if (!namespaced) {
      return table.get(backend.keyGroup(), backend.key());
    }
    HashMap<Object, Object> m = namespaces(false);
    return m == null ? null : m.get(namespace);
  }

  final void set(Object value) {
    if (!namespaced) {
      table.put(backend.keyGroup(), backend.key(), value);
    } else {
      namespaces(true).put(namespace, value);
    }
  }

  @Override
  public void clear() {
    if (!namespaced) {
      table.remove(backend.keyGroup(), backend.key());
      return;
    }
    HashMap<Object, Object> m = namespaces(false);
    if (m != null) {
      m.remove(namespace);
      if (m.isEmpty()) {
        table.remove(backend.keyGroup(), backend.key());
      }
    }
  }

  @Override
  public final void mergeNamespaces(Object target, Collection<?> sources) throws Exception {
    HashMap<Object, Object> m = namespaces(false);
    if (m == null) {
      return;
    }
    Object merged = m.get(target);
    for (Object source : sources) {
      if (source.equals(target)) {
        continue;
      }
      Object v = m.remove(source);
      if (v != null) {
        merged = merged == null ? v : merge(merged, v);
      }
    }
    if (merged != null) {
      m.put(target, merged);
    }
  }

  /** Combines two values of this state (for merging windows). */
  Object merge(Object a, Object b) throws Exception {
    throw new UnsupportedOperationException(
        kind()
            + " state cannot be merged; merging windows need list, reducing or aggregating state");
  }

  /** The number of (key, namespace) values. */
  @SuppressWarnings("unchecked")
  int namespacedEntries() {
    int[] n = {0};
    table.forEachValue(v -> n[0] += ((HashMap<Object, Object>) v).size());
    return n[0];
  }
}
