package io.spry.runtime.operator.timer;

/**
 * A registered timer: fire at {@code timestamp} for {@code key} in {@code namespace}. Equality is
 * by all three, so registering the same timer twice keeps one.
 */
public final class Timer<K, N> {
  private final long timestamp;
  private final K key;
  private final N namespace;

  /** Removed from its queue; the heap drops it when it reaches the top. */
  boolean deleted;

  public Timer(long timestamp, K key, N namespace) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
  }

  public long timestamp() {
    return timestamp;
  }

  public K key() {
    return key;
  }

  public N namespace() {
    return namespace;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timer<?, ?> t
        && t.timestamp == timestamp
        && t.key.equals(key)
        && t.namespace.equals(namespace);
  }

  @Override
  public int hashCode() {
    return hash(timestamp, key, namespace);
  }

  /** The hash code of a timer with these parts (shared with lookup probes). */
  static int hash(long timestamp, Object key, Object namespace) {
    return 31 * (31 * Long.hashCode(timestamp) + key.hashCode()) + namespace.hashCode();
  }

  @Override
  public String toString() {
    return "Timer(" + timestamp + ", " + key + ", " + namespace + ")";
  }
}
