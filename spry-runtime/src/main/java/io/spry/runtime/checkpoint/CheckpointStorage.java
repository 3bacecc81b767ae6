package io.spry.runtime.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one job in a directory: {@code chk-<id>/} per checkpoint, the last {@code
 * retained} complete ones kept. Savepoints go to directories of their own and are never deleted
 * here.
 */
public final class CheckpointStorage {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
  private static final String PREFIX = "chk-";

  private final Path root;
  private final int retained;
  private final Deque<CompletedCheckpoint> completed = new ArrayDeque<>();

  public CheckpointStorage(Path root, int retained) {
    this.root = root;
    this.retained = retained;
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

  /** Records a completed checkpoint and deletes the oldest beyond the number retained. */
  public synchronized void addCompleted(CompletedCheckpoint c) {
    if (c.isSavepoint()) {
      return;
    }
    completed.addLast(c);
    while (completed.size() > retained) {
      delete(completed.removeFirst().directory());
    }
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
