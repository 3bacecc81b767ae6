package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Committer;
import io.spry.api.connector.sink.CommittingSinkWriter;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.TwoPhaseCommitSink;
import io.spry.api.connector.sink.VersionedSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;

/**
 * Writes records as lines into part files in a directory, exactly once with checkpoints.
 *
 * <pre>{@code
 * FileSink<Trade> sink = FileSink.forRowFormat(Path.of("/data/trades"), LineEncoder.<Trade>json())
 *     .withBucketAssigner(new DateTimeBucketAssigner<>())            // one directory per hour
 *     .withRollingPolicy(RollingPolicy.builder().maxPartSize(64 << 20).build())
 *     .withPartSuffix(".jsonl")
 *     .build();
 * trades.sinkTo(sink);
 * }</pre>
 *
 * <ul>
 *   <li><b>Files.</b> Each subtask writes, per bucket (a subdirectory chosen by the {@link
 *       BucketAssigner}; by default the directory itself), one part file at a time. A part file is
 *       <em>in progress</em> while written, under a hidden name {@code
 *       .part-<subtask>-<n>.inprogress.<uuid>}; <em>pending</em> once closed (at a checkpoint
 *       barrier, or when the {@link RollingPolicy} rolls it), still hidden; and <em>finished</em>
 *       when the checkpoint that holds it completes: then it is renamed, atomically, to {@code
 *       part-<subtask>-<n>}. Readers that skip names starting with {@code .} or {@code _}, like
 *       {@link FileSource}, see only finished files, each complete.
 *   <li><b>Exactly once.</b> A finished file holds exactly the records of one subtask between two
 *       rolls, each once: after a failure, files of a completed checkpoint are committed (again,
 *       harmlessly), the others are deleted by the restored writers, and the source replays the
 *       rest. Part numbers {@code n} never repeat: they continue from the checkpoint, and a number
 *       whose finished file exists (say, from an earlier run) is skipped.
 *   <li><b>Format.</b> UTF-8 lines, each ended by {@code \n}, from a {@link LineEncoder}: {@link
 *       LineEncoder#toStringLines()}, {@link LineEncoder#csv()}, {@link LineEncoder#json()}, or
 *       your own.
 *   <li><b>Durability.</b> A part file is forced to disk when it becomes pending, and each
 *       directory after its files are renamed, so finished files survive a machine failure.
 *   <li><b>Ownership.</b> The directory belongs to this sink while the job runs: a second job
 *       writing there with the same part prefix would have its in-progress files deleted.
 *   <li><b>Without checkpoints</b> nothing becomes visible before the end of the input: at the end
 *       of a bounded input everything is committed.
 * </ul>
 *
 * <p>See {@code docs/connectors-file.md}.
 *
 * @param <T> the records written
 */
@Public
public final class FileSink<T> implements TwoPhaseCommitSink<T, FileCommittable, FileWriterState> {
  private static final long serialVersionUID = 1L;

  private final String directory; // Path is not serializable
  private final LineEncoder<T> encoder;
  private final BucketAssigner<T> bucketAssigner;
  private final RollingPolicy rollingPolicy;
  private final PartFileNames names;

  private FileSink(RowFormatBuilder<T> b) {
    this.directory = b.directory.toString();
    this.encoder = b.encoder;
    this.bucketAssigner = b.bucketAssigner;
    this.rollingPolicy = b.rollingPolicy;
    this.names = new PartFileNames(b.partPrefix, b.partSuffix);
  }

  /**
   * Starts a sink writing each record as a line made by {@code encoder} into part files in {@code
   * directory} (created if missing).
   */
  public static <T> RowFormatBuilder<T> forRowFormat(Path directory, LineEncoder<T> encoder) {
    return new RowFormatBuilder<>(directory, encoder);
  }

  /** The directory written, as an absolute path. */
  public Path getPath() {
    return Path.of(directory);
  }

  LineEncoder<T> encoder() {
    return encoder;
  }

  BucketAssigner<T> bucketAssigner() {
    return bucketAssigner;
  }

  RollingPolicy rollingPolicy() {
    return rollingPolicy;
  }

  PartFileNames names() {
    return names;
  }

  @Override
  public CommittingSinkWriter<T, FileCommittable, FileWriterState> createCommittingWriter(
      SinkContext context, Collection<FileWriterState> restoredStates) throws IOException {
    return new FileSinkWriter<>(this, context, restoredStates);
  }

  @Override
  public Committer<FileCommittable> createCommitter(SinkContext context) {
    return new FileSinkCommitter(getPath(), context.getTaskNameWithSubtask());
  }

  @Override
  public VersionedSerializer<FileCommittable> getCommittableSerializer() {
    return FileCommittable.Serializer.INSTANCE;
  }

  @Override
  public VersionedSerializer<FileWriterState> getWriterStateSerializer() {
    return FileWriterState.Serializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "FileSink.forRowFormat(Path.of(\""
        + directory
        + "\"), "
        + encoder
        + ").withBucketAssigner("
        + bucketAssigner
        + ").withRollingPolicy("
        + rollingPolicy
        + ").withPartPrefix(\""
        + names.prefix()
        + "\").withPartSuffix(\""
        + names.suffix()
        + "\").build()";
  }

  /** Configures a {@link FileSink} of lines. */
  @Public
  public static final class RowFormatBuilder<T> {
    private final Path directory;
    private final LineEncoder<T> encoder;
    private BucketAssigner<T> bucketAssigner = BucketAssigner.singleBucket();
    private RollingPolicy rollingPolicy = RollingPolicy.defaults();
    private String partPrefix = "part";
    private String partSuffix = "";

    private RowFormatBuilder(Path directory, LineEncoder<T> encoder) {
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
      this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Where each record goes; {@link BucketAssigner#singleBucket()} by default. */
    public RowFormatBuilder<T> withBucketAssigner(BucketAssigner<T> assigner) {
      this.bucketAssigner = Objects.requireNonNull(assigner, "bucket assigner");
      return this;
    }

    /** When part files roll besides checkpoints; {@link RollingPolicy#defaults()} by default. */
    public RowFormatBuilder<T> withRollingPolicy(RollingPolicy policy) {
      this.rollingPolicy = Objects.requireNonNull(policy, "rolling policy");
      return this;
    }

    /** The start of part file names, {@code part} by default; not starting with '.' or '_'. */
    public RowFormatBuilder<T> withPartPrefix(String prefix) {
      this.partPrefix = Objects.requireNonNull(prefix, "part prefix");
      return this;
    }

    /** The end of part file names, e.g. {@code .csv}; empty by default. */
    public RowFormatBuilder<T> withPartSuffix(String suffix) {
      this.partSuffix = Objects.requireNonNull(suffix, "part suffix");
      return this;
    }

    /**
     * The sink.
     *
     * @throws IllegalArgumentException if the path is a file, or the part prefix or suffix is not a
     *     usable file name part
     */
    public FileSink<T> build() {
      if (Files.exists(directory) && !Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "FileSink writes a directory of part files, but "
                + directory
                + " is a file; give a directory (it is created if missing)");
      }
      return new FileSink<>(this);
    }
  }
}
