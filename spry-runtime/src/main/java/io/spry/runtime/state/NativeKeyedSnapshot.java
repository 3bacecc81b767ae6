package io.spry.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A keyed backend's native snapshot (see {@link NativeSnapshots}) as a checkpoint carries it: the
 * backend that wrote it and its files. The files are where {@link File#source} says: in the
 * backend's working directory right after the snapshot, in the checkpoint storage once uploaded and
 * when restored.
 *
 * @param backend the name of the backend that wrote it ({@link KeyedStateBackendFactory#name()}),
 *     which must read it
 * @param directory the local directory the backend wrote it to, or null once it is elsewhere
 * @param files every file of the snapshot
 */
public record NativeKeyedSnapshot(String backend, Path directory, List<File> files) {

  /**
   * A file of a native snapshot.
   *
   * @param name its name in the snapshot's directory (and the database's)
   * @param sharedId for an immutable file that later snapshots may reference again: its id, unique
   *     across every backend and run (a checkpoint store keeps one copy per id); null for a file
   *     that belongs to this snapshot alone
   * @param size its length in bytes
   * @param crc its CRC-32C once stored (0 before)
   * @param source where it is now (not written into checkpoints)
   */
  public record File(String name, String sharedId, long size, long crc, Path source) {
    public boolean shared() {
      return sharedId != null;
    }
  }

  /** The total size of the files, in bytes. */
  public long size() {
    return files.stream().mapToLong(File::size).sum();
  }

  /**
   * Puts the files into a new directory {@code target} under their names, so a backend can open it:
   * immutable shared files as hard links where the file system allows (else copies), the others as
   * copies (a database may write to them).
   */
  public Path materialize(Path target) throws IOException {
    Files.createDirectories(target);
    for (File f : files) {
      Path to = target.resolve(f.name());
      if (f.shared()) {
        try {
          Files.createLink(to, f.source());
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f.source(), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      } else {
        Files.copy(f.source(), to);
      }
      if (Files.size(to) != f.size()) {
        throw new IOException(
            f.source() + " has " + Files.size(to) + " bytes, its checkpoint says " + f.size());
      }
    }
    return target;
  }
}
