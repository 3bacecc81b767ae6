package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import io.spry.api.connector.source.SplitEnumerator;
import io.spry.api.connector.source.SplitEnumeratorContext;
import io.spry.api.types.TypeInfo;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The lines of a text file, or of the files in a directory, read in parallel by file.
 *
 * <pre>{@code
 * Source<String, FileSplit> lines = FileSource.forLines(Path.of("/data/in")).build();
 * Source<String, FileSplit> tail = FileSource.forLines(dir)
 *     .monitorContinuously(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Files.</b> A regular file is read alone. A directory stands for the regular files
 *       directly in it (not in subdirectories, unless {@link Builder#includeSubdirectories()}),
 *       sorted by name, except hidden ones whose names start with '.' or '_' (and, with
 *       subdirectories, what is in hidden directories). So a {@link FileSink}'s output reads as its
 *       finished files only. Each file is one {@link FileSplit}; the enumerator hands out one per
 *       request, so a reader may read several files, each from start to end in order.
 *   <li><b>Lines.</b> UTF-8, ending at {@code \n}, {@code \r\n} or {@code \r}, without the
 *       terminator. A malformed byte sequence fails the job with the file's name and the line's
 *       number. A reader emits at most a thousand lines per poll and counts as non-blocking.
 *   <li><b>Position.</b> A split holds the bytes and lines consumed; a restored reader seeks to the
 *       offset and goes on.
 *   <li><b>Monitoring.</b> Without it the source is {@link Boundedness#BOUNDED}. With {@link
 *       Builder#monitorContinuously}, it is {@link Boundedness#CONTINUOUS_UNBOUNDED}: the path is
 *       rescanned at that interval and files not seen before are read. A file is read once, up to
 *       its end when it is read: lines appended later are not picked up, so write a file under a
 *       hidden name (starting with '.' or '_') and rename it when complete. The enumerator
 *       remembers every path it has seen.
 *   <li><b>Errors.</b> A missing path fails {@link Builder#build()} (and, if it went away since,
 *       the enumerator's creation) with {@code No such file or directory: <path>}; a file that
 *       cannot be read fails the job naming the file.
 * </ul>
 */
@Public
public final class FileSource implements Source<String, FileSplit> {
  private static final long serialVersionUID = 1L;

  private final String path; // Path is not serializable
  private final long monitorIntervalMillis; // 0: bounded
  private final boolean nested;

  private FileSource(String path, long monitorIntervalMillis, boolean nested) {
    this.path = path;
    this.monitorIntervalMillis = monitorIntervalMillis;
    this.nested = nested;
  }

  /** Starts a source of the lines of {@code path}: a file or a directory of files. */
  public static Builder forLines(Path path) {
    return new Builder(path);
  }

  /** The file or directory read, as an absolute path. */
  public Path getPath() {
    return Path.of(path);
  }

  /** The interval at which the path is rescanned for new files, if it is. */
  public Optional<Duration> getMonitorInterval() {
    return monitorIntervalMillis > 0
        ? Optional.of(Duration.ofMillis(monitorIntervalMillis))
        : Optional.empty();
  }

  @Override
  public Boundedness getBoundedness() {
    return monitorIntervalMillis > 0 ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  /**
   * @throws FileNotFoundException if the path does not exist (any more)
   * @throws IOException if the directory cannot be listed
   */
  @Override
  public SplitEnumerator<FileSplit> createEnumerator(SplitEnumeratorContext<FileSplit> context)
      throws IOException {
    FileSplitEnumerator enumerator =
        new FileSplitEnumerator(context, getPath(), monitorIntervalMillis, nested);
    enumerator.discover();
    return enumerator;
  }

  @Override
  public SplitEnumerator<FileSplit> restoreEnumerator(
      SplitEnumeratorContext<FileSplit> context, byte[] state) throws IOException {
    FileSplitEnumerator enumerator =
        new FileSplitEnumerator(context, getPath(), monitorIntervalMillis, nested);
    enumerator.restore(state);
    return enumerator;
  }

  @Override
  public SourceReader<String, FileSplit> createReader(SourceReaderContext context) {
    return new FileSourceReader(context);
  }

  @Override
  public TypeInfo<String> getProducedType() {
    return TypeInfo.of(String.class);
  }

  /** Configures a {@link FileSource}. */
  @Public
  public static final class Builder {
    private final Path path;
    private long monitorIntervalMillis;
    private boolean nested;

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /**
     * Keeps watching the path: every {@code interval}, files not seen before are read. The source
     * then never ends.
     */
    public Builder monitorContinuously(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero() || interval.toMillis() == 0) {
        throw new IllegalArgumentException(
            "The monitoring interval must be at least 1 ms, not " + interval);
      }
      this.monitorIntervalMillis = interval.toMillis();
      return this;
    }

    /**
     * Reads the files of subdirectories too, at any depth, sorted by their relative path (say, the
     * buckets of a {@link FileSink}); hidden directories are skipped with what is in them.
     */
    public Builder includeSubdirectories() {
      this.nested = true;
      return this;
    }

    /**
     * The source.
     *
     * @throws UncheckedIOException with the message {@code No such file or directory: <path>} if
     *     the path does not exist
     */
    public FileSource build() {
      try {
        FileListing.checkExists(path);
      } catch (FileNotFoundException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      return new FileSource(path.toString(), monitorIntervalMillis, nested);
    }
  }
}
