package io.spry.runtime.state.heap;

/**
 * A stored value with the processing time it was last written (or read, by the TTL's rule).
 * Immutable, so a snapshot may share it: refreshing the time stores a new wrapper.
 */
final class TtlValue {
  final Object value;
  final long timestamp;

  TtlValue(Object value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
  }
}
