package io.spry.state.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A native (incremental) snapshot of a RocksDB backend: a directory with a RocksDB checkpoint and
 * Spry's metadata file. Restore it with {@link RocksDBKeyedStateBackend#restoreNative}.
 *
 * @param directory where it is
 * @param files every file in it, by name
 */
public record NativeSnapshot(Path directory, List<File> files) {

  /**
   * A file of a native snapshot.
   *
   * @param name the file name, unique within the database's life for SST files
   * @param size its size in bytes
   * @param sharedId for an immutable SST file, which later snapshots of the same backend (and of
   *     backends restored from it at the same range) reference again under this id, always with the
   *     same content: a checkpoint store keeps one copy per id and counts references. Null for the
   *     other files (MANIFEST, CURRENT, OPTIONS, Spry's metadata), which belong to this snapshot
   *     alone.
   */
  public record File(String name, long size, String sharedId) {
    /** Whether it is a shared (immutable SST) file. */
    public boolean shared() {
      return sharedId != null;
    }
  }

  /** Lists a native snapshot's directory; {@code ids} gives an SST file's shared id by its name. */
  static NativeSnapshot of(Path directory, java.util.function.UnaryOperator<String> ids)
      throws IOException {
    List<File> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path f : list.sorted(Comparator.comparing(Path::toString)).toList()) {
        String name = f.getFileName().toString();
        files.add(new File(name, Files.size(f), name.endsWith(".sst") ? ids.apply(name) : null));
      }
    }
    return new NativeSnapshot(directory, List.copyOf(files));
  }

  /** The total size of the files, in bytes. */
  public long size() {
    return files.stream().mapToLong(File::size).sum();
  }

  /** The total size of the files not in {@code previous}: what this snapshot added. */
  public long sizeNotIn(NativeSnapshot previous) {
    java.util.Set<String> before = new java.util.HashSet<>();
    previous.files().stream().filter(File::shared).forEach(f -> before.add(f.sharedId()));
    return files.stream()
        .filter(f -> !f.shared() || !before.contains(f.sharedId()))
        .mapToLong(File::size)
        .sum();
  }
}
