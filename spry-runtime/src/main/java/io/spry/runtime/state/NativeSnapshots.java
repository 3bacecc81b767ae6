package io.spry.runtime.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A keyed backend that can snapshot in its own format, incrementally: consecutive snapshots share
 * the immutable files that did not change ({@link NativeKeyedSnapshot.File#sharedId}), so a
 * checkpoint store uploads each such file once and counts references. Checkpoints use it when
 * incremental checkpoints are on ({@code CheckpointConfig.setIncremental}); savepoints never do.
 *
 * <p>Contract: the snapshot's directory is the caller's (the checkpoint coordinator deletes it once
 * the files are stored); its files stay valid and unchanged until then, or until the backend
 * closes; a file with a shared id has the same content whenever that id appears; {@link
 * #restoreNative} reads snapshots of any key-group ranges (of the same max parallelism), keeping
 * the key groups this backend owns. Only the task's thread calls these, like all backend methods.
 */
public interface NativeSnapshots {

  /** The backend's name, which its snapshots carry ({@link KeyedStateBackendFactory#name()}). */
  String backendName();

  /**
   * Takes a native snapshot into a new directory of the backend's own (the synchronous part of a
   * checkpoint: a flush and hard links, no copy of the data).
   */
  NativeKeyedSnapshot snapshotNative(long checkpointId) throws IOException;

  /**
   * Restores native snapshots of this backend kind ({@link NativeKeyedSnapshot#materialize}d into
   * directories) into this backend, which must be new. One snapshot of exactly this backend's range
   * is adopted; otherwise the owned key groups are copied out of each.
   */
  void restoreNative(List<Path> directories) throws IOException;

  /** A scratch directory of this backend for restoring (deleted with the backend). */
  Path scratchDirectory() throws IOException;
}
