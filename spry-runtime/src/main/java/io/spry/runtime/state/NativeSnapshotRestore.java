package io.spry.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Restores native keyed snapshots (of an incremental checkpoint) into a keyed backend: natively
 * when the backend is of the kind that wrote them (one snapshot of its own range is adopted, which
 * is fast; several, after rescaling, are read for the key groups it owns), else through the
 * backend-neutral format with the writing kind's {@link KeyedStateBackendFactory#restoreNativeInto}
 * (a checkpoint taken with RocksDB restores into the heap backend).
 */
public final class NativeSnapshotRestore {
  private NativeSnapshotRestore() {}

  public static void restore(KeyedStateBackend target, List<NativeKeyedSnapshot> snapshots)
      throws IOException {
    if (snapshots.isEmpty()) {
      return;
    }
    String kind = snapshots.get(0).backend();
    for (NativeKeyedSnapshot s : snapshots) {
      if (!s.backend().equals(kind)) {
        throw new IOException(
            "The checkpoint holds native snapshots of both '"
                + kind
                + "' and '"
                + s.backend()
                + "' state backends for one operator");
      }
    }
    boolean same = target instanceof NativeSnapshots n && n.backendName().equals(kind);
    Path scratch =
        same
            ? Files.createTempDirectory(((NativeSnapshots) target).scratchDirectory(), "restore-")
            : Files.createTempDirectory("spry-native-restore-");
    try {
      List<Path> dirs = new ArrayList<>();
      for (int i = 0; i < snapshots.size(); i++) {
        dirs.add(snapshots.get(i).materialize(scratch.resolve("snapshot-" + i)));
      }
      if (same) {
        ((NativeSnapshots) target).restoreNative(dirs);
      } else {
        KeyedStateBackends.factory(kind).restoreNativeInto(dirs, target, scratch);
      }
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir, e);
    }
  }
}
