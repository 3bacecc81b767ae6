package io.spry.runtime.checkpoint;

import io.spry.runtime.state.NativeKeyedSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one job in a directory: {@code chk-<id>/} per checkpoint, the last {@code
 * retained} complete ones kept. Savepoints go to directories of their own and are never deleted
 * here.
 *
 * <h2>Shared files</h2>
 *
 * Incremental checkpoints (native keyed snapshots, {@link NativeKeyedSnapshot}) store their
 * immutable files once, in {@code <root>/shared/<id>}, and list the ids they use in their manifests
 * ({@code shared} lines). This storage counts, per id, the retained complete checkpoints and the
 * pending ones that use the file: {@link #shareFile} uploads a file only when no one holds it yet
 * and counts the reference; when retention deletes a checkpoint, or a pending one is {@link
 * #discardPending discarded}, each file whose count falls to zero is deleted.
 *
 * <p>The counts live in memory: a new instance (a new process on the same directory) rebuilds them
 * from the manifests of the complete checkpoints in the directory, so it neither deletes a file a
 * retained checkpoint uses nor keeps one that none uses (shared files that no complete checkpoint
 * lists, left by a checkpoint that never completed, are deleted then). Those checkpoints count
 * towards {@code retained} from then on; {@link #latest()} still names only checkpoints of this
 * instance.
 *
 * <p>Threads: the coordinator's I/O thread uploads and completes; the methods that touch the counts
 * are synchronized. One process writes a directory at a time.
 */
public final class CheckpointStorage {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
  private static final String PREFIX = "chk-";

  /** The directory of shared files, under the storage's root. */
  public static final String SHARED = "shared";

  private final Path root;
  private final int retained;

  /** Complete checkpoints found in the directory when this instance was made, oldest first. */
  private final Deque<CompletedCheckpoint> before = new ArrayDeque<>();

  private final Deque<CompletedCheckpoint> completed = new ArrayDeque<>();

  /** The shared files in the shared directory, by id. */
  private final Map<String, FileRef> sharedFiles = new HashMap<>();

  /** References to each shared file from retained and pending checkpoints. */
  private final Map<String, Integer> references = new HashMap<>();

  /** The shared files each pending checkpoint references (counted in {@link #references}). */
  private final Map<Long, Set<String>> pendingShared = new HashMap<>();

  /**
   * @throws UncheckedIOException when the directory cannot be read to rebuild the reference counts
   */
  public CheckpointStorage(Path root, int retained) {
    this.root = root;
    this.retained = retained;
    try {
      rebuild();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the checkpoints in " + root + " to count their shared files: " + e, e);
    }
  }

  /** Loads the complete checkpoints' manifests and counts their shared files; deletes orphans. */
  private void rebuild() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
          .filter(p -> idOf(p) >= 0)
          .forEach(dirs::add);
    }
    dirs.sort(Comparator.comparingLong(CheckpointStorage::idOf));
    for (Path d : dirs) {
      if (!Files.exists(d.resolve(CompletedCheckpoint.MANIFEST))) {
        continue; // incomplete
      }
      try {
        CompletedCheckpoint c = CompletedCheckpoint.load(d);
        before.addLast(c);
        for (FileRef f : c.shared().values()) {
          sharedFiles.put(f.name(), f);
          references.merge(f.name(), 1, Integer::sum);
        }
      } catch (CorruptCheckpointException e) {
        LOG.warn(
            "Checkpoint {} is damaged and is not counted: {}", d.getFileName(), e.getMessage());
      }
    }
    Path shared = root.resolve(SHARED);
    if (Files.isDirectory(shared)) {
      try (Stream<Path> s = Files.list(shared)) {
        for (Path f : s.toList()) {
          if (!references.containsKey(f.getFileName().toString())) {
            LOG.info("Deleting shared checkpoint file {}: no complete checkpoint uses it", f);
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  public Path root() {
    return root;
  }

  /** Creates the directory of a new checkpoint; it must not exist yet. */
  public Path newCheckpointDirectory(long id) throws IOException {
    Files.createDirectories(root);
    return Files.createDirectory(root.resolve(PREFIX + id));
  }

  /** The highest checkpoint number in the directory (complete or not), or 0. */
  public long highestId() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .mapToLong(CheckpointStorage::idOf)
          .max()
          .orElse(0);
    }
  }

  /** Creates a new savepoint directory under {@code parent}. */
  public static Path newSavepointDirectory(Path parent, String jobId, long id) throws IOException {
    Path dir =
        parent.resolve("savepoint-" + jobId.substring(0, Math.min(8, jobId.length())) + "-" + id);
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * Records a completed checkpoint (its references to shared files, counted while it was pending,
   * are now its own) and deletes the oldest beyond the number retained, with the shared files no
   * retained or pending checkpoint uses any more.
   */
  public synchronized void addCompleted(CompletedCheckpoint c) {
    pendingShared.remove(c.id());
    if (c.isSavepoint()) {
      return;
    }
    completed.addLast(c);
    while (before.size() + completed.size() > retained) {
      CompletedCheckpoint old = before.isEmpty() ? completed.removeFirst() : before.removeFirst();
      delete(old.directory());
      for (String id : old.shared().keySet()) {
        release(id);
      }
    }
  }

  /**
   * Stores a shared file for pending checkpoint {@code checkpointId} and counts its reference: the
   * copy already in the shared directory if there is one, else {@code local} is uploaded (to a
   * temporary name, forced to disk, then moved into place).
   */
  public synchronized Shared shareFile(long checkpointId, String id, Path local)
      throws IOException {
    Set<String> mine = pendingShared.computeIfAbsent(checkpointId, k -> new HashSet<>());
    FileRef ref = sharedFiles.get(id);
    boolean uploaded = ref == null;
    if (ref == null) {
      Path dir = Files.createDirectories(root.resolve(SHARED));
      Path tmp = dir.resolve(id + ".tmp");
      ref = copyWithChecksum(local, tmp, id);
      Files.move(tmp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
      sharedFiles.put(id, ref);
    }
    if (mine.add(id)) {
      references.merge(id, 1, Integer::sum);
    }
    return new Shared(ref, uploaded);
  }

  /**
   * A shared file as stored.
   *
   * @param ref its reference, named by its id
   * @param uploaded whether this call uploaded it (else a retained or pending checkpoint had)
   */
  public record Shared(FileRef ref, boolean uploaded) {}

  /**
   * A native snapshot as stored for a checkpoint.
   *
   * @param snapshot the snapshot with its files' checksums, as the subtask's state file records it
   * @param ownFiles its files in the checkpoint's directory
   * @param shared the shared files it uses, by id
   * @param uploadedSharedBytes the bytes of the shared files this call uploaded
   */
  public record StoredNative(
      NativeKeyedSnapshot snapshot,
      List<FileRef> ownFiles,
      Map<String, FileRef> shared,
      long uploadedSharedBytes) {}

  /**
   * Stores a native snapshot's files for pending checkpoint {@code checkpointId} (the I/O thread):
   * shared ones with {@link #shareFile}, which uploads each id once; the others into the
   * checkpoint's directory {@code checkpointDir} as {@code <stateFile>.<name>}.
   */
  public StoredNative storeNative(
      long checkpointId, Path checkpointDir, String stateFile, NativeKeyedSnapshot local)
      throws IOException {
    List<NativeKeyedSnapshot.File> stored = new ArrayList<>();
    List<FileRef> own = new ArrayList<>();
    Map<String, FileRef> shared = new java.util.LinkedHashMap<>();
    long uploaded = 0;
    for (NativeKeyedSnapshot.File f : local.files()) {
      if (f.shared()) {
        Shared sf = shareFile(checkpointId, f.sharedId(), f.source());
        shared.put(sf.ref().name(), sf.ref());
        uploaded += sf.uploaded() ? sf.ref().size() : 0;
        stored.add(
            new NativeKeyedSnapshot.File(
                f.name(), f.sharedId(), sf.ref().size(), sf.ref().crc(), null));
      } else {
        String name = stateFile + "." + f.name();
        Path target = checkpointDir.resolve(name);
        FileRef ref = copyWithChecksum(f.source(), target, name);
        own.add(ref);
        stored.add(new NativeKeyedSnapshot.File(f.name(), null, ref.size(), ref.crc(), target));
      }
    }
    return new StoredNative(
        new NativeKeyedSnapshot(local.backend(), null, List.copyOf(stored)),
        List.copyOf(own),
        shared,
        uploaded);
  }

  /** Copies a file, forcing it to disk, and returns its reference under {@code name}. */
  public static FileRef copyWithChecksum(Path from, Path to, String name) throws IOException {
    CRC32C crc = new CRC32C();
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(from);
        FileChannel ch =
            FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
      ch.force(false);
    }
    return new FileRef(name, size, crc.getValue());
  }

  /**
   * A pending checkpoint was aborted: its references to shared files are dropped, and the files no
   * one else uses are deleted.
   */
  public synchronized void discardPending(long checkpointId) {
    Set<String> ids = pendingShared.remove(checkpointId);
    if (ids != null) {
      ids.forEach(this::release);
    }
  }

  private void release(String id) {
    Integer n = references.get(id);
    if (n == null) {
      return;
    }
    if (n > 1) {
      references.put(id, n - 1);
      return;
    }
    references.remove(id);
    sharedFiles.remove(id);
    try {
      Files.deleteIfExists(root.resolve(SHARED).resolve(id));
    } catch (IOException e) {
      LOG.warn("Could not delete the shared checkpoint file {}: {}", id, e.getMessage());
    }
  }

  /** How many retained or pending checkpoints use each shared file (for tests and metrics). */
  public synchronized Map<String, Integer> sharedReferences() {
    return Map.copyOf(references);
  }

  /** The latest completed checkpoint of this run, or null. */
  public synchronized CompletedCheckpoint latest() {
    return completed.peekLast();
  }

  /**
   * The newest checkpoint in {@code dir} (the job's checkpoint directory) whose manifest and files
   * are intact; damaged or incomplete ones are reported in the log and skipped. Null when there is
   * none.
   */
  public static CompletedCheckpoint latestValid(Path dir) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
            .forEach(candidates::add);
      }
    }
    candidates.sort(Comparator.comparingLong(CheckpointStorage::idOf).reversed());
    for (Path p : candidates) {
      try {
        CompletedCheckpoint c = CompletedCheckpoint.load(p);
        c.verify();
        return c;
      } catch (CorruptCheckpointException e) {
        LOG.warn(
            "Skipping checkpoint {}: {}. Trying the one before it.",
            p.getFileName(),
            e.getMessage());
      }
    }
    return null;
  }

  /**
   * What {@code --from <path>} names: a checkpoint or savepoint directory (with a manifest), or a
   * job's checkpoint directory (its newest intact checkpoint).
   */
  public static CompletedCheckpoint resolve(Path path) throws IOException {
    if (Files.exists(path.resolve(CompletedCheckpoint.MANIFEST))) {
      try {
        CompletedCheckpoint c = CompletedCheckpoint.load(path);
        c.verify();
        return c;
      } catch (CorruptCheckpointException e) {
        // a damaged checkpoint of a job's checkpoint directory: use the newest intact one before
        Path parent = path.getParent();
        long id = idOf(path);
        if (id >= 0 && parent != null) {
          LOG.warn("{}. Falling back to an older checkpoint in {}.", e.getMessage(), parent);
          CompletedCheckpoint older = latestValidBefore(parent, id);
          if (older != null) {
            return older;
          }
        }
        throw e;
      }
    }
    if (!Files.isDirectory(path)) {
      throw new IOException("Cannot restore from " + path + ": no such directory");
    }
    CompletedCheckpoint c = latestValid(path);
    if (c == null) {
      throw new IOException(
          "Cannot restore from "
              + path
              + ": it holds no complete, intact checkpoint (looked for chk-*/"
              + CompletedCheckpoint.MANIFEST
              + ")");
    }
    return c;
  }

  private static CompletedCheckpoint latestValidBefore(Path dir, long id) throws IOException {
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && idOf(p) < id)
          .forEach(candidates::add);
    }
    candidates.sort(Comparator.comparingLong(CheckpointStorage::idOf).reversed());
    for (Path p : candidates) {
      try {
        CompletedCheckpoint c = CompletedCheckpoint.load(p);
        c.verify();
        return c;
      } catch (CorruptCheckpointException e) {
        LOG.warn("Skipping checkpoint {}: {}", p.getFileName(), e.getMessage());
      }
    }
    return null;
  }

  private static long idOf(Path p) {
    try {
      return Long.parseLong(p.getFileName().toString().substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Deletes a directory and everything in it; failures are logged. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
