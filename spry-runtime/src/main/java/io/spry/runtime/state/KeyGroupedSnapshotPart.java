package io.spry.runtime.state;

import io.spry.api.types.MemoryDataInput;
import java.io.IOException;

/**
 * Keyed data an operator keeps outside its state handles, such as timers, that is snapshotted with
 * the keyed state: in the same key group blocks, so it restores at another parallelism with the
 * state. Registered with {@link KeyedStateBackend#registerSnapshotPart}; the section format is
 * described in {@link KeyedStateSnapshot}.
 *
 * <p>Called on the task's thread, like the backend.
 */
public interface KeyGroupedSnapshotPart {

  /** The section kind written (e.g. {@link KeyedStateSnapshot#KIND_TIMERS}). */
  int kind();

  /** Called once per snapshot before the key groups are written, e.g. to group entries. */
  default void beginSnapshot() {}

  /**
   * Writes this part's entries of one key group into the writer's open section: call {@link
   * KeyedStateSnapshot.Writer#entry()} once per entry and write the entry into the output it gives.
   */
  void writeKeyGroup(int keyGroup, KeyedStateSnapshot.Writer writer) throws IOException;

  /** Called once per snapshot after the last key group (also when the snapshot failed). */
  default void endSnapshot() {}

  /**
   * Restores one key group's section as a snapshot wrote it.
   *
   * @param in the entry count, then the entries
   */
  void restore(int keyGroup, int flags, MemoryDataInput in) throws IOException;
}
