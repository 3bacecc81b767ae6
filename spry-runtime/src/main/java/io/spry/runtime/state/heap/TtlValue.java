package io.spry.runtime.state.heap;

/** A stored value with the processing time it was last written (or read, by the TTL's rule). */
final class TtlValue {
  Object value;
  long timestamp;

  TtlValue(Object value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
  }
}
