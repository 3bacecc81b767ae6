package io.spry.runtime.operator.timer;

/**
 * The timers of one {@link TimerService}, both time domains, kept by the state backend rather than
 * on the heap (RocksDB keeps them in a column family of its own). A backend offers one through
 * {@link io.spry.runtime.state.KeyedStateBackend#createTimerStore}; the heap backend offers none,
 * and the service keeps its timers in two {@link TimerQueue}s.
 *
 * <p>Contract: used by the task's thread only, like the backend. Timers are {@code (timestamp, key,
 * namespace)} per domain, with the same semantics as a {@link TimerQueue}: registering a registered
 * timer changes nothing, deleting an absent one changes nothing, and {@link #pollDue} returns the
 * earliest due timer (timers of equal timestamps in no particular order). {@link #add} and {@link
 * #remove} are for the backend's current key; {@link #pollDue} sets it to the timer's key. The
 * store snapshots and restores itself with the backend's keyed state, in the neutral format's timer
 * sections under the service's name, so a snapshot moves between a store and heap timers; the
 * service registers no snapshot part.
 *
 * @param <N> the namespace type
 */
public interface TimerStore<N> {

  /** Event time, as timer sections of the neutral snapshot number it. */
  int EVENT_TIME = 0;

  /** Processing time. */
  int PROCESSING_TIME = 1;

  /** Registers {@code (timestamp, current key, namespace)} in {@code domain}. */
  void add(int domain, long timestamp, N namespace);

  /** Deletes {@code (timestamp, current key, namespace)} from {@code domain}. */
  void remove(int domain, long timestamp, N namespace);

  /**
   * Removes and returns the earliest timer of {@code domain} if it is due at {@code time}, and
   * makes its key the backend's current key (as {@code setCurrentKey(timer.key())} would, but the
   * store may have the key's key group and serialized form at hand already).
   */
  Timer<Object, N> pollDue(int domain, long time);

  /** The timestamp of the earliest timer of {@code domain}, or {@code Long.MAX_VALUE}. */
  long peekTimestamp(int domain);

  /** Whether a timer of {@code domain} is due at {@code time}. */
  boolean hasDue(int domain, long time);

  /** The number of timers of {@code domain}; may read every timer (for tests and metrics). */
  int size(int domain);
}
