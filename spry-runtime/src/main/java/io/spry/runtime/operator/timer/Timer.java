package io.spry.runtime.operator.timer;

/**
 * A registered timer: fire at {@code timestamp} for {@code key} in {@code namespace}. Equality is
 * by all three, so registering the same timer twice keeps one. The hash code is computed once, when
 * the timer is made: the queue's index uses it on every lookup and removal.
 */
public final class Timer<K, N> {
  private final long timestamp;
  private final K key;
  private final N namespace;
  private final int hash;

  /** Removed from its queue; the heap drops it when it reaches the top. */
  boolean deleted;

  public Timer(long timestamp, K key, N namespace) {
    this(timestamp, key, namespace, hash(timestamp, key, namespace));
  }

  /** With its {@link #hash} already computed (the queue computes it for the lookup first). */
  Timer(long timestamp, K key, N namespace, int hash) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
    this.hash = hash;
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

  /** Whether this timer is {@code (timestamp, key, namespace)}. */
  boolean is(long timestamp, Object key, Object namespace) {
    return this.timestamp == timestamp && this.key.equals(key) && this.namespace.equals(namespace);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timer<?, ?> t && t.hash == hash && is(t.timestamp, t.key, t.namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * The hash code of a timer with these parts: the parts' hash codes combined, then mixed
   * (MurmurHash3's finaliser), so that the low bits an open-addressing index uses are spread even
   * when keys and timestamps are consecutive numbers.
   */
  static int hash(long timestamp, Object key, Object namespace) {
    int h = 31 * (31 * Long.hashCode(timestamp) + key.hashCode()) + namespace.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public String toString() {
    return "Timer(" + timestamp + ", " + key + ", " + namespace + ")";
  }
}
