package io.spry.runtime.state.heap;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;

/** Common base of the heap state handles: a table and the backend's current key. */
abstract class HeapState implements State {
  final HeapKeyedStateBackend backend;
  final StateTable<Object> table;

  HeapState(HeapKeyedStateBackend backend, StateTable<Object> table) {
    this.backend = backend;
    this.table = table;
  }

  abstract StateDescriptor.Kind kind();

  StateTable<Object> table() {
    return table;
  }

  final Object current() {
    return table.get(backend.keyGroup(), backend.key());
  }

  final void set(Object value) {
    table.put(backend.keyGroup(), backend.key(), value);
  }

  @Override
  public void clear() {
    table.remove(backend.keyGroup(), backend.key());
  }
}
