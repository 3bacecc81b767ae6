package io.spry.api.connector.file;

import io.spry.api.connector.sink.Committer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits pending part files of a {@link FileSink}: renames each, atomically, from its hidden name
 * to its finished name, then forces the directories to disk (each bucket's and those above it up to
 * the sink's directory, which may have been created since).
 *
 * <p>Idempotent: a committable whose pending file is gone and whose finished file exists was
 * committed before and is skipped. A committable with neither is logged as a warning and skipped: a
 * restore from an older checkpoint re-commits files that consumers may since have moved away, and
 * failing would fail every restore. Both existing is a conflict (another writer's file under the
 * finished name) and fails, naming the files; so does a pending file whose size differs from what
 * was written before the checkpoint.
 */
final class FileSinkCommitter implements Committer<FileCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSinkCommitter.class);

  private final Path base;
  private final String taskName;

  FileSinkCommitter(Path base, String taskName) {
    this.base = base;
    this.taskName = taskName;
  }

  @Override
  public void commit(Collection<FileCommittable> committables) throws IOException {
    Set<Path> renamedIn = new LinkedHashSet<>();
    for (FileCommittable c : committables) {
      Path dir = base.resolve(c.bucketId()).normalize();
      if (!dir.startsWith(base)) {
        throw new IOException(
            "FileSink committable " + c + " points outside the sink's directory " + base);
      }
      if (commit(c, dir)) {
        // the renames, and the entries of bucket directories created since the last commit
        for (Path d = dir; d != null && d.startsWith(base); d = d.getParent()) {
          renamedIn.add(d);
        }
      }
    }
    for (Path dir : renamedIn) {
      syncDirectory(dir);
    }
  }

  /** Commits one file; true if this call renamed it. */
  private boolean commit(FileCommittable c, Path dir) throws IOException {
    Path pending = dir.resolve(c.pendingName());
    Path finished = dir.resolve(c.finishedName());
    if (!Files.exists(pending)) {
      if (!Files.exists(finished)) {
        LOG.warn(
            "{}: cannot commit {}: neither it nor {} exists. It was committed before and"
                + " since removed (after a restore from an older checkpoint), or it was deleted"
                + " before its commit and its records are lost",
            taskName,
            pending,
            finished);
      }
      return false; // committed before
    }
    if (Files.exists(finished)) {
      if (!Files.exists(pending)) {
        return false; // another subtask committed it just now
      }
      throw new IOException(
          "Cannot commit "
              + pending
              + ": the finished file "
              + finished
              + " exists and is not this sink's (is another job writing to "
              + dir
              + "?); move it away and restart");
    }
    long size = Files.size(pending);
    if (size != c.size()) {
      throw new IOException(
          "Cannot commit "
              + pending
              + ": it has "
              + size
              + " bytes, but "
              + c.size()
              + " were written to it before the checkpoint; it was changed since");
    }
    try {
      // rename(2): atomic, and the finished name appears with the whole content
      Files.move(pending, finished, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      if (Files.exists(finished)) {
        return false; // another subtask committed it just now
      }
      throw new IOException("Cannot commit " + pending + ": " + e, e);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "Cannot commit "
              + pending
              + ": the file system cannot rename it to "
              + finished
              + " atomically, which exactly-once output needs",
          e);
    }
    return true;
  }

  /** Makes the renames in {@code dir} durable; best effort where directories cannot be opened. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot force directory {} to disk: {}", dir, e.toString());
    }
  }
}
