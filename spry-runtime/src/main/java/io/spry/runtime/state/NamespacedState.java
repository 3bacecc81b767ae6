package io.spry.runtime.state;

import java.util.Collection;

/**
 * A keyed state whose values are further scoped by a namespace, such as a window: the handle reads
 * and writes the value of (current key, current namespace). Made by {@link
 * KeyedStateBackend#getOrCreateNamespacedState}; the handle also implements the user-facing state
 * interface of its kind.
 */
public interface NamespacedState {

  /** Scopes the handle to {@code namespace} (for the backend's current key). */
  void setCurrentNamespace(Object namespace);

  /**
   * Merges the values of {@code sources} into {@code target} for the current key and removes the
   * sources (merging windows). Supported by list, reducing and aggregating state.
   */
  void mergeNamespaces(Object target, Collection<?> sources) throws Exception;

  /**
   * Whether {@link #holdsValue} reads memory only (no I/O, no deserialization, no side effect):
   * true on the heap backend without time to live, where it costs what a read of the value does.
   */
  default boolean holdsValueCheaply() {
    return false;
  }

  /**
   * Whether (current key, current namespace) holds a value. Only where {@link #holdsValueCheaply}
   * says so.
   */
  default boolean holdsValue() {
    throw new UnsupportedOperationException(getClass().getName() + " cannot tell cheaply");
  }
}
