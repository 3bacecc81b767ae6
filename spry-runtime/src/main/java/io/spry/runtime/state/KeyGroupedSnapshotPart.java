package io.spry.runtime.state;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;

/**
 * Keyed data an operator keeps outside its state handles, such as timers, that is snapshotted with
 * the keyed state: in the same key group blocks, so it restores at another parallelism with the
 * state. Registered with {@link KeyedStateBackend#registerSnapshotPart}; the section format is
 * described in {@link KeyedStateSnapshot}.
 *
 * <p>{@link #snapshot} and {@link #restore} are called on the task's thread, like the backend. A
 * snapshot is written later, maybe on another thread while the task goes on (the heap backend's
 * snapshots are asynchronous): so {@link #snapshot} captures what it will write (cheaply: a copy of
 * an array of immutable entries, say) and the {@link Snapshot} it returns must not read anything
 * the task changes.
 */
public interface KeyGroupedSnapshotPart {

  /** The section kind written (e.g. {@link KeyedStateSnapshot#KIND_TIMERS}). */
  int kind();

  /** Captures this part's entries as they are now, for a snapshot written later. */
  Snapshot snapshot();

  /** This part's entries as a snapshot captured them. */
  interface Snapshot {
    /**
     * Writes the entries of one key group into the writer's open section: call {@link
     * KeyedStateSnapshot.Writer#entry()} once per entry and write the entry into the output it
     * gives. Called for the key groups in order, from one thread (maybe not the task's).
     *
     * @param keys a serializer of the key type for the calling thread's use
     */
    void writeKeyGroup(int keyGroup, TypeSerializer<Object> keys, KeyedStateSnapshot.Writer writer)
        throws IOException;

    /** Called once when the snapshot was written or dropped. */
    default void release() {}
  }

  /**
   * Restores one key group's section as a snapshot wrote it.
   *
   * @param in the entry count, then the entries
   */
  void restore(int keyGroup, int flags, MemoryDataInput in) throws IOException;

  /**
   * Restores a section of key group {@code keyGroup} that was written as {@code kind} into this
   * part, after checking that the part is still of that kind: every backend restores through this.
   */
  default void restoreSection(int keyGroup, int kind, int flags, byte[] bytes) throws IOException {
    if (kind != kind()) {
      throw new IOException(
          "it was snapshotted as "
              + KeyedStateSnapshot.kindName(kind)
              + " but is now registered as "
              + KeyedStateSnapshot.kindName(kind()));
    }
    restore(keyGroup, flags, new MemoryDataInput(bytes));
  }
}
