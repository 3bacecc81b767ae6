package io.spry.api.connector.file;

import io.spry.api.connector.sink.CommittingSinkWriter;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.sink.TwoPhaseCommitSink;
import io.spry.api.time.Clock;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's writer of a {@link FileSink}.
 *
 * <p>Design notes. One thread (the sink task's) calls every method. The writer owns its open part
 * files (one per bucket) and the part files it rolled since the last {@link #prepareCommit}; it
 * hands both over there and never touches them again: from then on they belong to the runtime and
 * the committer. {@link #close()} deletes what it still owns.
 *
 * <p>Part numbers: this writer names its files {@code <prefix>-<subtask>-<n>} with {@code n} from
 * {@link #nextPart}. Its state in a checkpoint is that number, and, for each subtask of an earlier,
 * larger parallelism that this subtask now answers for ({@code j % parallelism == subtask}), that
 * subtask's number, kept unchanged. The invariant that makes restores exact: at a checkpoint, every
 * file of subtask {@code j} numbered below {@code j}'s state was handed over at or before it, and
 * every file numbered at or above it was opened after it. So a restored writer deletes the
 * in-progress files of its subtasks numbered at or above their restored numbers (leftovers of the
 * failed attempt, never part of a completed checkpoint), and leaves those below to the committer.
 * Files of different subtasks never meet, so subtasks clean up in parallel without coordination.
 */
final class FileSinkWriter<T>
    implements CommittingSinkWriter<T, FileCommittable, FileWriterState>, BucketAssigner.Context {
  private static final Logger LOG = LoggerFactory.getLogger(FileSinkWriter.class);

  private enum Phase {
    WRITING,
    /** After the last {@code prepareCommit}, at the end of input: nothing more is written. */
    ENDED,
    CLOSED
  }

  /** A bucket's directory and its open part file, if any. */
  private static final class Bucket {
    final String id;
    final Path dir;
    PartFileOutput part;
    String pendingName;
    String finishedName;
    long openedAt;
    long lastActive;
    boolean writtenSinceTick;

    Bucket(String id, Path dir) {
      this.id = id;
      this.dir = dir;
    }
  }

  private final Path base;
  private final LineEncoder<T> encoder;
  private final BucketAssigner<T> assigner;
  private final long maxPartSize;
  private final long maxPartAge;
  private final long inactivity;
  private final boolean usesProcessingTime;
  private final PartFileNames names;
  private final Clock clock;
  private final int subtask;
  private final int parallelism;
  private final String taskName;

  private long nextPart;

  /** Subtasks of an earlier parallelism this writer answers for, with their part numbers. */
  private final Map<Integer, Long> adopted = new TreeMap<>();

  private final Map<String, Bucket> buckets = new HashMap<>();
  private String lastBucketId;
  private Bucket lastBucket;
  private ArrayList<FileCommittable> rolled = new ArrayList<>();
  private SinkWriter.Context writeContext;
  private Phase phase = Phase.WRITING;

  FileSinkWriter(FileSink<T> sink, SinkContext context, Collection<FileWriterState> restored)
      throws IOException {
    this.base = sink.getPath();
    this.encoder = sink.encoder();
    this.assigner = sink.bucketAssigner();
    RollingPolicy policy = sink.rollingPolicy();
    this.maxPartSize = policy.getMaxPartSize();
    this.maxPartAge = policy.getMaxPartAgeMillis();
    this.inactivity = policy.getInactivityMillis();
    this.usesProcessingTime = policy.usesProcessingTime();
    this.names = sink.names();
    this.clock = context.clock();
    this.subtask = context.getSubtaskIndex();
    this.taskName = context.getTaskNameWithSubtask();
    this.parallelism = context.getParallelism();

    Map<Integer, Long> restoredParts = new HashMap<>();
    for (FileWriterState s : restored) {
      restoredParts.merge(s.subtask(), s.nextPartNumber(), Math::max);
    }
    checkComplete(restored);
    this.nextPart = restoredParts.getOrDefault(subtask, 0L);
    restoredParts.forEach(
        (j, n) -> {
          if (j != subtask && j % parallelism == subtask) {
            adopted.put(j, n);
          }
        });
    createDirectories(base);
    removeLeftovers(restoredParts, parallelism);
  }

  /**
   * Fails unless {@code restored} holds the state of every writer of one checkpoint: each writer
   * deletes files by the states it is given, so with only some of them it would delete pending
   * files another subtask must still commit.
   */
  private void checkComplete(Collection<FileWriterState> restored) {
    if (restored.isEmpty()) {
      return;
    }
    java.util.Set<Integer> parallelisms = new java.util.TreeSet<>();
    java.util.Set<Integer> subtasks = new java.util.TreeSet<>();
    for (FileWriterState s : restored) {
      parallelisms.add(s.parallelism());
      subtasks.add(s.subtask());
    }
    int taken = parallelisms.iterator().next();
    boolean complete = parallelisms.size() == 1;
    for (int j = 0; complete && j < taken; j++) {
      complete = subtasks.contains(j);
    }
    if (!complete) {
      throw new IllegalArgumentException(
          "The FileSink writer of "
              + taskName
              + " was restored with the writer states of subtasks "
              + subtasks
              + " taken at parallelism "
              + parallelisms
              + ", not those of all subtasks of one checkpoint: the runtime must hand every"
              + " writer the states of all writers (a union), see TwoPhaseCommitSink");
    }
  }

  /**
   * Deletes the in-progress files of the subtasks this writer answers for that were opened after
   * the restored checkpoint (all of them on a fresh start).
   */
  private void removeLeftovers(Map<Integer, Long> restoredParts, int parallelism)
      throws IOException {
    int[] removed = {0};
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(base) || !FileListing.isHidden(dir)
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            long[] parsed = names.parseInProgress(file.getFileName().toString());
            if (parsed != null) {
              int owner = (int) parsed[0];
              long part = parsed[1];
              if (owner % parallelism == subtask
                  && part >= restoredParts.getOrDefault(owner, 0L)
                  && Files.deleteIfExists(file)) {
                removed[0]++;
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // renamed by a committer meanwhile
            }
            throw new IOException("Cannot list " + file + " to clean up: " + e, e);
          }
        });
    if (removed[0] > 0) {
      LOG.info(
          "{}: removed {} in-progress part file(s) under {} that no completed checkpoint holds",
          taskName,
          removed[0],
          base);
    }
  }

  @Override
  public void write(T element, SinkWriter.Context context) throws IOException {
    if (phase != Phase.WRITING) {
      throw new IllegalStateException(
          phase == Phase.ENDED
              ? "FileSink writer of " + taskName + " got a record after the end of input"
              : "FileSink writer of " + taskName + " is closed");
    }
    writeContext = context;
    String id = assigner.getBucketId(element, this);
    Bucket b = lastBucket;
    if (b == null || (id != lastBucketId && (id == null || !id.equals(lastBucketId)))) {
      b = bucket(id, element);
    }
    PartFileOutput out = b.part;
    if (out == null) {
      out = open(b);
    }
    long start = out.size();
    try {
      encoder.encode(element, out);
      out.write('\n');
    } catch (IOException | RuntimeException e) {
      try {
        out.truncate(start); // no partial line stays behind
      } catch (IOException t) {
        e.addSuppressed(t);
      }
      throw e;
    }
    b.writtenSinceTick = true;
    if (out.size() >= maxPartSize) {
      roll(b);
    }
  }

  private Bucket bucket(String id, T element) throws IOException {
    Bucket b = buckets.get(id);
    if (b == null) {
      Path dir = resolveBucket(id, element);
      createDirectories(dir);
      b = new Bucket(id, dir);
      buckets.put(id, b);
    }
    lastBucketId = id;
    lastBucket = b;
    return b;
  }

  private Path resolveBucket(String id, T element) {
    if (id == null) {
      throw new IllegalArgumentException(
          "The bucket assigner " + assigner + " returned null for the record " + element);
    }
    if (id.isEmpty()) {
      return base;
    }
    String problem = null;
    if (id.startsWith("/") || id.endsWith("/")) {
      problem = "it starts or ends with '/'";
    } else {
      for (String name : id.split("/", -1)) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
          problem = "it holds an empty, '.' or '..' name";
        } else if (name.startsWith(".") || name.startsWith("_")) {
          problem = "a name starts with '.' or '_', which readers skip as hidden";
        } else if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
          problem = "it holds '\\' or a NUL character";
        }
        if (problem != null) {
          break;
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "The bucket assigner "
              + assigner
              + " returned the bucket id '"
              + id
              + "' for the record "
              + element
              + ", but "
              + problem
              + "; a bucket id is a relative path of '/'-separated directory names");
    }
    return base.resolve(id);
  }

  private static void createDirectories(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("Cannot create directory " + dir + ": a file is in the way", e);
    } catch (IOException e) {
      throw new IOException("Cannot create directory " + dir + ": " + e, e);
    }
  }

  /** Opens the bucket's next part file. */
  private PartFileOutput open(Bucket b) throws IOException {
    long n = nextPart;
    while (Files.exists(b.dir.resolve(names.finished(subtask, n)))) {
      LOG.warn(
          "{}: {} exists already (an earlier run's output?); skipping part number {}",
          taskName,
          b.dir.resolve(names.finished(subtask, n)),
          n);
      n++;
    }
    nextPart = n + 1;
    b.pendingName = names.inProgress(subtask, n, UUID.randomUUID());
    b.finishedName = names.finished(subtask, n);
    b.part = new PartFileOutput(b.dir.resolve(b.pendingName));
    b.openedAt = clock.millis();
    b.lastActive = b.openedAt;
    b.writtenSinceTick = false;
    return b.part;
  }

  /** Closes the bucket's part file durably; it is pending until handed over. */
  private void roll(Bucket b) throws IOException {
    PartFileOutput out = b.part;
    b.part = null;
    long size = out.size();
    out.closeDurably();
    if (size == 0) { // every record in it failed to encode
      Files.deleteIfExists(out.file());
      return;
    }
    rolled.add(new FileCommittable(b.id, b.pendingName, b.finishedName, size));
  }

  @Override
  public List<FileCommittable> prepareCommit(long checkpointId) throws IOException {
    if (phase == Phase.CLOSED) {
      throw new IllegalStateException("FileSink writer of " + taskName + " is closed");
    }
    for (Bucket b : buckets.values()) {
      if (b.part != null) {
        roll(b);
      }
    }
    buckets.clear(); // none has a part file now; the ids of the next interval may differ
    lastBucket = null;
    lastBucketId = null;
    ArrayList<FileCommittable> handedOver = rolled;
    rolled = new ArrayList<>();
    if (checkpointId == TwoPhaseCommitSink.END_OF_INPUT) {
      phase = Phase.ENDED;
    }
    return handedOver;
  }

  @Override
  public List<FileWriterState> snapshotState(long checkpointId) {
    int open = 0;
    for (Bucket b : buckets.values()) {
      if (b.part != null) {
        open++;
      }
    }
    if (open > 0 || !rolled.isEmpty()) {
      throw new IllegalStateException(
          "snapshotState("
              + checkpointId
              + ") of the FileSink writer of "
              + taskName
              + " without prepareCommit("
              + checkpointId
              + ") right before it: "
              + (open + rolled.size())
              + " part file(s) were not handed over");
    }
    List<FileWriterState> states = new ArrayList<>(1 + adopted.size());
    states.add(new FileWriterState(subtask, nextPart, parallelism));
    adopted.forEach((j, n) -> states.add(new FileWriterState(j, n, parallelism)));
    return states;
  }

  @Override
  public boolean wantsProcessingTime() {
    return usesProcessingTime;
  }

  @Override
  public void onProcessingTime(long nowMillis) throws IOException {
    if (phase != Phase.WRITING || buckets.isEmpty()) {
      return;
    }
    for (Bucket b : buckets.values()) {
      if (b.part == null) {
        continue;
      }
      if (maxPartAge > 0 && nowMillis - b.openedAt >= maxPartAge) {
        roll(b);
      } else if (inactivity > 0) {
        if (b.writtenSinceTick) {
          b.writtenSinceTick = false;
          b.lastActive = nowMillis;
        } else if (nowMillis - b.lastActive >= inactivity) {
          roll(b);
        }
      }
    }
  }

  /** Makes nothing visible: the buffered bytes of open part files reach their (hidden) files. */
  @Override
  public void flush(boolean endOfInput) throws IOException {
    for (Bucket b : buckets.values()) {
      if (b.part != null) {
        b.part.flush();
      }
    }
  }

  /** Deletes the part files this writer still owns: open ones and those rolled since. */
  @Override
  public void close() throws IOException {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    IOException failure = null;
    List<Path> discard = new ArrayList<>();
    for (Bucket b : buckets.values()) {
      if (b.part != null) {
        discard.add(b.part.file());
        try {
          b.part.close();
        } catch (IOException e) {
          failure = add(failure, e);
        }
        b.part = null;
      }
    }
    for (FileCommittable c : rolled) {
      discard.add(base.resolve(c.bucketId()).resolve(c.pendingName()));
    }
    buckets.clear();
    rolled.clear();
    for (Path file : discard) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure = add(failure, new IOException("Cannot delete part file " + file + ": " + e, e));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  // ---- BucketAssigner.Context ----

  @Override
  public long currentProcessingTime() {
    return clock.millis();
  }

  @Override
  public Long timestamp() {
    return writeContext.timestamp();
  }

  @Override
  public long currentWatermark() {
    return writeContext.currentWatermark();
  }

  @Override
  public String toString() {
    return "FileSinkWriter(" + taskName + ", " + base + ", next part " + nextPart + ")";
  }
}
